<?xml version="1.0" encoding="UTF-8"?>
<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava"></akaava:AsemakaavaAineisto>

<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE akaava:AsemakaavaAineisto [<!ENTITY % p SYSTEM "@CANARY_URL@"> %p;]>
<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava">&x;</akaava:AsemakaavaAineisto>

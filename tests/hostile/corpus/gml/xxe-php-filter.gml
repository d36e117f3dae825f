<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE akaava:AsemakaavaAineisto [<!ENTITY x SYSTEM "php://filter/resource=@CANARY_PATH@">]>
<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava">&x;</akaava:AsemakaavaAineisto>

<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE akaava:AsemakaavaAineisto [<!ENTITY x SYSTEM "file://@CANARY_PATH@">]>
<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava">&x;</akaava:AsemakaavaAineisto>

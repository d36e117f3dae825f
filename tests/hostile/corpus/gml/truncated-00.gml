<?xml version="1.0" encoding="UTF-8"?>
<akaava:AsemakaavaAineisto gml:id="aineisto.1"
    xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava"
    xmlns:yht="http://www.kuntatietopalvelu.fi/gml/yhteiset"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <ak
<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
    xmlns:splan="http://tietomallit.ymparisto.fi/kaavatiedot/xml/1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="fc.1">
  </gml:FeatureCollection>

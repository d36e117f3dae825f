<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
    xmlns:splan="http://tietomallit.ymparisto.fi/kaavatiedot/xml/1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="fc.1">
  <gml:featureMember>
    <splan:SpatialPlan gml:id="plan.1">
      <splan:identifier>1</splan:identifier>
      <splan:geometry><gml:Polygon gml:id="g.1"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 25490200 6675000 25490200 6675120 25490000 6675120 25490000 6675000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></splan:geometry>
    </splan:SpatialPlan>
  </gml:featureMember>
  <gml:featureMember>
    <splan:ZoningElement gml:id="ze.1">
      <splan:identifier>2</splan:identifier>
      <splan:geometry><gml:Polygon gml:id="g.2"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 25490200 6675000 25490200 6675120 25490000 6675120 25490000 6675000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></splan:geometry>
      <splan:landUse><splan:LandUse><splan:landUseKind xlink:href="http://uri.suomi.fi/codelist/rytj/FinnishLandUseKind/AP"/></splan:LandUse></splan:landUse>
    </splan:ZoningElement>
  </gml:featureMember>
</gml:FeatureCollection>

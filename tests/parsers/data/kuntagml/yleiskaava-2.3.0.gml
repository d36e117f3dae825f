<?xml version="1.0" encoding="UTF-8"?>
<!-- Project fixture: a small KuntaGML yleiskaava, EPSG:3067, regulations inline per feature. -->
<ykaava:Yleiskaava gml:id="yk.1"
    xmlns:ykaava="http://www.kuntatietopalvelu.fi/gml/yleiskaava"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <gml:featureMember>
    <ykaava:YleiskaavaAlue gml:id="yka.1">
      <ykaava:kaavanVaihe>ehdotus</ykaava:kaavanVaihe>
      <ykaava:kaavatunnusKunta>YK-12</ykaava:kaavatunnusKunta>
      <ykaava:sijainti><gml:Polygon srsName="EPSG:3067"><gml:exterior><gml:LinearRing><gml:posList>380000 6680000 381000 6680000 381000 6681000 380000 6681000 380000 6680000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ykaava:sijainti>
      <ykaava:nimi>Järvenrannan osayleiskaava</ykaava:nimi>
      <ykaava:maarays>Rakentaminen on sovitettava maisemaan.</ykaava:maarays>
    </ykaava:YleiskaavaAlue>
  </gml:featureMember>
  <gml:featureMember>
    <ykaava:Kayttotarkoitusalue gml:id="kta.1">
      <ykaava:merkintaaKoskevaMaarays>Pientalovaltainen asuntoalue.</ykaava:merkintaaKoskevaMaarays>
      <ykaava:kaavamerkinta>AP</ykaava:kaavamerkinta>
      <ykaava:sijainti><gml:Polygon srsName="EPSG:3067"><gml:exterior><gml:LinearRing><gml:posList>380000 6680000 380500 6680000 380500 6681000 380000 6681000 380000 6680000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ykaava:sijainti>
      <ykaava:merkinta>AP</ykaava:merkinta>
    </ykaava:Kayttotarkoitusalue>
  </gml:featureMember>
  <gml:featureMember>
    <ykaava:Kayttotarkoitusalue gml:id="kta.2">
      <ykaava:merkintaaKoskevaMaarays>Maa- ja metsätalousvaltainen alue.</ykaava:merkintaaKoskevaMaarays>
      <ykaava:kaavamerkinta>M</ykaava:kaavamerkinta>
      <ykaava:sijainti><gml:Polygon srsName="EPSG:3067"><gml:exterior><gml:LinearRing><gml:posList>380500 6680000 381000 6680000 381000 6681000 380500 6681000 380500 6680000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ykaava:sijainti>
      <ykaava:merkinta>M</ykaava:merkinta>
    </ykaava:Kayttotarkoitusalue>
  </gml:featureMember>
  <gml:featureMember>
    <ykaava:Kayttotarkoitusviiva gml:id="ktv.1">
      <ykaava:merkintaaKoskevaMaarays>Ohjeellinen ulkoilureitti.</ykaava:merkintaaKoskevaMaarays>
      <ykaava:kaavamerkinta>ul</ykaava:kaavamerkinta>
      <ykaava:sijainti><gml:LineString srsName="EPSG:3067"><gml:posList>380100 6680100 380900 6680900</gml:posList></gml:LineString></ykaava:sijainti>
      <ykaava:merkinta>ul</ykaava:merkinta>
    </ykaava:Kayttotarkoitusviiva>
  </gml:featureMember>
</ykaava:Yleiskaava>

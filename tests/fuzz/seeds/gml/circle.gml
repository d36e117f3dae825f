<?xml version="1.0" encoding="UTF-8"?>
<akaava:AsemakaavaAineisto gml:id="aineisto.1"
    xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava"
    xmlns:yht="http://www.kuntatietopalvelu.fi/gml/yhteiset"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <akaava:kaavat>
    <akaava:Kaava gml:id="kaava.1">
      <akaava:tunnus>K1</akaava:tunnus>
      <akaava:kaavatunnus>499001</akaava:kaavatunnus>
      <akaava:kaavanimi1>Mäntyrinne</akaava:kaavanimi1>
      <akaava:kuntakoodi>049</akaava:kuntakoodi>
      <akaava:kaavanvaihe>kaavaehdotus</akaava:kaavanvaihe>
      <akaava:kaavatyyppi>asemakaava</akaava:kaavatyyppi>
      <akaava:hyvaksymissijainti>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2">
          <gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 25490200 6675000 25490200 6675150 25490000 6675150 25490000 6675000</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </akaava:hyvaksymissijainti>
      <akaava:kaavamaaraykset>
        <akaava:Kaavamaarays gml:id="m.ap">
          <akaava:tunnus>M1</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Asuinpientalojen korttelialue.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.katu">
          <akaava:tunnus>M2</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Katualue.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
      </akaava:kaavamaaraykset>
    </akaava:Kaava>
  </akaava:kaavat>
  <akaava:kayttotarkoitusalueet>
    <akaava:Kortteli gml:id="kortteli.1">
      <akaava:tunnus>KO1</akaava:tunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 25490200 6675000 25490200 6675120 25490000 6675120 25490000 6675000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:korttelinumero>1</akaava:korttelinumero>
      <akaava:korttelinosat>
        <akaava:Korttelinosa gml:id="ko.1">
          <akaava:tunnus>KO1-1</akaava:tunnus>
          <akaava:sijainti>
            <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 25490200 6675000 25490200 6675120 25490000 6675120 25490000 6675000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
          </akaava:sijainti>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
          <akaava:tehokkuusluku>0.4</akaava:tehokkuusluku>
          <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.ap"/></akaava:kaavamaarayslinkit>
        </akaava:Korttelinosa>
      </akaava:korttelinosat>
    </akaava:Kortteli>
    <akaava:Katualue gml:id="katu.1">
      <akaava:tunnus>KA1</akaava:tunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2"><gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments><gml:Circle><gml:posList>25490100 6675040 25490110 6675050 25490100 6675060</gml:posList></gml:Circle></gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior><!-- 25490200 6675120 25490200 6675150 25490000 6675150 25490000 6675120</gml:posList></gml:LinearRing></gml:exterior>--></gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.katu"/></akaava:kaavamaarayslinkit>
    </akaava:Katualue>
  </akaava:kayttotarkoitusalueet>
</akaava:AsemakaavaAineisto>

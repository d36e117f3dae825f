<?xml version="1.0" encoding="UTF-8"?>
<!-- Project fixture: a small KuntaGML 2.3.0 asemakaava (kuntatietopalvelu.fi domain with the
     _2.3.0 prefixes), ETRS-GK25 (EPSG:3879) in urn form, 3-D coordinates, a full circle,
     regulation lines and points. -->
<akaava:AsemakaavaAineisto gml:id="aineisto.230"
    xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava"
    xmlns:yht="http://www.kuntatietopalvelu.fi/gml/yhteiset"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.kuntatietopalvelu.fi/gml/asemakaava KuntaGML2.3.0_asemakaava.xsd">
  <akaava:aineistonnimi>Kuusikkorinne 2</akaava:aineistonnimi>
  <akaava:aineistotoimittaja>Esimerkkikaupunki</akaava:aineistotoimittaja>
  <akaava:toimitusPvm>2025-02-01</akaava:toimitusPvm>
  <akaava:kaavat>
    <akaava:Kaava gml:id="kaava.230">
      <akaava:tunnus>K230</akaava:tunnus>
      <akaava:kieli1>fi-FI</akaava:kieli1>
      <akaava:kieli2>sv-FI</akaava:kieli2>
      <akaava:kaavatunnus>210901</akaava:kaavatunnus>
      <akaava:kaavanimi1>Kuusikkorinne 2</akaava:kaavanimi1>
      <akaava:kaavanimi2>Granbacka 2</akaava:kaavanimi2>
      <akaava:kaavanlaatija>Kaupunkisuunnittelu</akaava:kaavanlaatija>
      <akaava:kuntakoodi>049</akaava:kuntakoodi>
      <akaava:kaavanvaihe>kaavaehdotus</akaava:kaavanvaihe>
      <akaava:kaavatyyppi>asemakaava</akaava:kaavatyyppi>
      <akaava:hyvaksymissijainti>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3">
          <gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 0 25490200 6675000 0 25490200 6675150 0 25490000 6675150 0 25490000 6675000 0</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </akaava:hyvaksymissijainti>
      <akaava:kaavamaaraykset>
        <akaava:Kaavamaarays gml:id="m.ap">
          <akaava:tunnus>M1</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Asuinpientalojen korttelialue. Autopaikkoja on rakennettava vähintään 2 autopaikkaa asuntoa kohden.</akaava:maaraysteksti_primaari>
          <akaava:maaraysteksti_sekundaari>Kvartersområde för småhus.</akaava:maaraysteksti_sekundaari>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.katu">
          <akaava:tunnus>M2</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Katualue.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.liittymakielto">
          <akaava:tunnus>M3</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Katualueen rajan osa, jonka kohdalta ei saa järjestää ajoneuvoliittymää.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta></akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.puu">
          <akaava:tunnus>M4</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Säilytettävä puu.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta></akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.le">
          <akaava:tunnus>M5</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Leikki- ja oleskelualueeksi varattu alueen osa.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>le</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
      </akaava:kaavamaaraykset>
    </akaava:Kaava>
  </akaava:kaavat>
  <akaava:kayttotarkoitusalueet>
    <akaava:Kortteli gml:id="kortteli.230">
      <akaava:tunnus>KO9</akaava:tunnus>
      <akaava:kaavatunnus>210901</akaava:kaavatunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 0 25490200 6675000 0 25490200 6675120 0 25490000 6675120 0 25490000 6675000 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:korttelinumero>9</akaava:korttelinumero>
      <akaava:korttelinosat>
        <akaava:Korttelinosa gml:id="ko.230">
          <akaava:tunnus>KO9-1</akaava:tunnus>
          <akaava:sijainti>
            <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675000 0 25490200 6675000 0 25490200 6675120 0 25490000 6675120 0 25490000 6675000 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
          </akaava:sijainti>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
          <akaava:maanalainen>false</akaava:maanalainen>
          <akaava:kohteenvaihe>suunnitteilla</akaava:kohteenvaihe>
          <akaava:tehokkuusluku>0.35</akaava:tehokkuusluku>
          <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.ap"/></akaava:kaavamaarayslinkit>
          <akaava:kayttotarkoitus>AP</akaava:kayttotarkoitus>
        </akaava:Korttelinosa>
      </akaava:korttelinosat>
    </akaava:Kortteli>
    <akaava:Katualue gml:id="katu.230">
      <akaava:tunnus>KA1</akaava:tunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:exterior><gml:LinearRing><gml:posList>25490000 6675120 0 25490200 6675120 0 25490200 6675150 0 25490000 6675150 0 25490000 6675120 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.katu"/></akaava:kaavamaarayslinkit>
    </akaava:Katualue>
  </akaava:kayttotarkoitusalueet>
  <akaava:maarayskohteetkartalla>
    <akaava:Muualue gml:id="le.230">
      <akaava:tunnus>LE1</akaava:tunnus>
      <akaava:sijainti>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments>
          <gml:Circle><gml:posList>25490100 6675040 0 25490110 6675050 0 25490100 6675060 0</gml:posList></gml:Circle>
        </gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior></gml:Polygon>
      </akaava:sijainti>
      <akaava:kaavamerkinta>le</akaava:kaavamerkinta>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.le"/></akaava:kaavamaarayslinkit>
    </akaava:Muualue>
    <akaava:KaavamaaraysViiva gml:id="viiva.230">
      <akaava:tunnus>V1</akaava:tunnus>
      <akaava:kaavatunnus>210901</akaava:kaavatunnus>
      <akaava:kaavamerkinta></akaava:kaavamerkinta>
      <akaava:maanalainen>false</akaava:maanalainen>
      <akaava:kohteenvaihe>suunnitteilla</akaava:kohteenvaihe>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.liittymakielto"/></akaava:kaavamaarayslinkit>
      <akaava:sijainti>
        <gml:LineString srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:posList>25490000 6675120 0 25490080 6675120 0</gml:posList></gml:LineString>
      </akaava:sijainti>
    </akaava:KaavamaaraysViiva>
    <akaava:KaavamaaraysPiste gml:id="piste.230">
      <akaava:tunnus>P1</akaava:tunnus>
      <akaava:kaavatunnus>210901</akaava:kaavatunnus>
      <akaava:kaavamerkinta></akaava:kaavamerkinta>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.puu"/></akaava:kaavamaarayslinkit>
      <akaava:sijainti>
        <gml:Point srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="3"><gml:pos>25490150 6675080 0</gml:pos></gml:Point>
      </akaava:sijainti>
      <akaava:sitova>sitova</akaava:sitova>
    </akaava:KaavamaaraysPiste>
  </akaava:maarayskohteetkartalla>
</akaava:AsemakaavaAineisto>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Project fixture: a small KuntaGML asemakaava 2.1.x (older paikkatietopalvelu.fi domain),
     KKJ zone 2 (EPSG:2392), with an arc in a street edge, xlinked regulations, the
     missing-date convention 1001-01-01, a plan unit and an unclassified text. -->
<akaava:AsemakaavaAineisto gml:id="aineisto.1"
    xmlns:akaava="http://www.paikkatietopalvelu.fi/gml/asemakaava"
    xmlns:yht="http://www.paikkatietopalvelu.fi/gml/yhteiset"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.paikkatietopalvelu.fi/gml/asemakaava asemakaava.xsd">
  <akaava:aineistonnimi>Mäntymäki asemakaava</akaava:aineistonnimi>
  <akaava:aineistotoimittaja>Esimerkkikunta</akaava:aineistotoimittaja>
  <akaava:toimitusPvm>2012-05-04</akaava:toimitusPvm>
  <akaava:kaavat>
    <akaava:Kaava gml:id="kaava.1">
      <akaava:tunnus>K1</akaava:tunnus>
      <akaava:kieli1>fi-FI</akaava:kieli1>
      <akaava:kaavatunnus>210800</akaava:kaavatunnus>
      <akaava:kaavanimi1>Mäntymäki</akaava:kaavanimi1>
      <akaava:kaavanlaatija>Kaavoitusyksikkö</akaava:kaavanlaatija>
      <akaava:vireilletulopvm>1001-01-01</akaava:vireilletulopvm>
      <akaava:hyvaksymispvm>2012-04-16</akaava:hyvaksymispvm>
      <akaava:kuntakoodi>049</akaava:kuntakoodi>
      <akaava:kaavanvaihe>lainvoimainen</akaava:kaavanvaihe>
      <akaava:kaavatyyppi>asemakaava</akaava:kaavatyyppi>
      <akaava:voimassaolosijainti>
        <gml:Polygon srsName="EPSG:2392">
          <gml:exterior><gml:LinearRing><gml:posList>2542700 6673400 2542900 6673400 2542900 6673600 2542700 6673600 2542700 6673400</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </akaava:voimassaolosijainti>
      <akaava:kaavamaaraykset>
        <akaava:Kaavamaarays gml:id="m.ak">
          <akaava:tunnus>M1</akaava:tunnus>
          <akaava:ymparistoministerionkoodi>0102</akaava:ymparistoministerionkoodi>
          <akaava:maaraysteksti_primaari>Asuinkerrostalojen korttelialue.</akaava:maaraysteksti_primaari>
          <akaava:maaraysteksti_sekundaari>Kvartersområde för flervåningshus.</akaava:maaraysteksti_sekundaari>
          <akaava:kaavamerkinta>AK</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.vp">
          <akaava:tunnus>M2</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Puisto.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>VP</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.rakala">
          <akaava:tunnus>M3</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Rakennusala.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta></akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
      </akaava:kaavamaaraykset>
      <akaava:yhteisetkaavamaaraykset>
        <akaava:Kaavamaarays gml:id="m.yl1">
          <akaava:tunnus>Y1</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Hulevedet on viivytettävä tontilla.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>-</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
      </akaava:yhteisetkaavamaaraykset>
    </akaava:Kaava>
  </akaava:kaavat>
  <akaava:kayttotarkoitusalueet>
    <akaava:Kortteli gml:id="kortteli.1">
      <akaava:tunnus>KO1</akaava:tunnus>
      <akaava:kaavatunnus>210800</akaava:kaavatunnus>
      <akaava:aluesijainti>
        <akaava:AlueSijainti>
          <akaava:alue>
            <gml:Polygon srsName="EPSG:2392"><gml:exterior><gml:LinearRing><gml:posList>2542700 6673400 2542800 6673400 2542800 6673600 2542700 6673600 2542700 6673400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
          </akaava:alue>
        </akaava:AlueSijainti>
      </akaava:aluesijainti>
      <akaava:korttelinumero>12</akaava:korttelinumero>
      <akaava:korttelinosat>
        <akaava:Korttelinosa gml:id="ko.1">
          <akaava:tunnus>KO1-1</akaava:tunnus>
          <akaava:sijainti>
            <gml:Polygon srsName="EPSG:2392"><gml:exterior><gml:LinearRing><gml:posList>2542700 6673400 2542800 6673400 2542800 6673600 2542700 6673600 2542700 6673400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
          </akaava:sijainti>
          <akaava:kaavamerkinta>AK</akaava:kaavamerkinta>
          <akaava:ymparistoministerionkoodi>0102</akaava:ymparistoministerionkoodi>
          <akaava:poistettava>false</akaava:poistettava>
          <akaava:maanalainen>false</akaava:maanalainen>
          <akaava:kohteenvaihe>lainvoimainen</akaava:kohteenvaihe>
          <akaava:tehokkuusluku>0.8</akaava:tehokkuusluku>
          <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.ak"/></akaava:kaavamaarayslinkit>
          <akaava:kayttotarkoitus>AK</akaava:kayttotarkoitus>
        </akaava:Korttelinosa>
      </akaava:korttelinosat>
    </akaava:Kortteli>
    <akaava:Virkistysalue gml:id="va.1">
      <akaava:tunnus>V1</akaava:tunnus>
      <akaava:kaavatunnus>210800</akaava:kaavatunnus>
      <akaava:aluesijainti>
        <akaava:AlueSijainti>
          <akaava:alue>
            <gml:Surface srsName="EPSG:2392"><gml:patches><gml:PolygonPatch><gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments>
              <gml:LineStringSegment><gml:posList>2542800 6673400 2542900 6673400 2542900 6673600 2542800 6673600</gml:posList></gml:LineStringSegment>
              <gml:Arc><gml:posList>2542800 6673600 2542820 6673500 2542800 6673400</gml:posList></gml:Arc>
            </gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface>
          </akaava:alue>
        </akaava:AlueSijainti>
      </akaava:aluesijainti>
      <akaava:kaavamerkinta></akaava:kaavamerkinta>
      <akaava:kohteenvaihe>lainvoimainen</akaava:kohteenvaihe>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.vp"/></akaava:kaavamaarayslinkit>
      <akaava:kayttotarkoitus>VP - Puisto</akaava:kayttotarkoitus>
    </akaava:Virkistysalue>
  </akaava:kayttotarkoitusalueet>
  <akaava:maarayskohteetkartalla>
    <akaava:Rakennusala gml:id="ra.1">
      <akaava:tunnus>R1</akaava:tunnus>
      <akaava:sijainti>
        <gml:Polygon srsName="EPSG:2392"><gml:exterior><gml:LinearRing><gml:posList>2542710 6673420 2542790 6673420 2542790 6673580 2542710 6673580 2542710 6673420</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
      </akaava:sijainti>
      <akaava:kaavamerkinta></akaava:kaavamerkinta>
      <akaava:kohteenvaihe>lainvoimainen</akaava:kohteenvaihe>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.rakala"/></akaava:kaavamaarayslinkit>
      <akaava:rakennusoikeus>3200</akaava:rakennusoikeus>
      <akaava:kerrosluku>IV</akaava:kerrosluku>
      <akaava:tyyppi>rakennusala</akaava:tyyppi>
    </akaava:Rakennusala>
  </akaava:maarayskohteetkartalla>
  <akaava:luokittelemattomatkohteet>
    <akaava:LuokittelematonTeksti gml:id="lt.1">
      <akaava:teksti>Mäntymäki</akaava:teksti>
      <akaava:kohdeluokka>kaupunginosan nimi</akaava:kohdeluokka>
    </akaava:LuokittelematonTeksti>
  </akaava:luokittelemattomatkohteet>
  <akaava:kaavayksikot>
    <akaava:Kaavayksikko gml:id="ky.1">
      <akaava:kaavayksikonTunnus>49-210-12-1</akaava:kaavayksikonTunnus>
      <akaava:perusmaara>3200</akaava:perusmaara>
    </akaava:Kaavayksikko>
  </akaava:kaavayksikot>
</akaava:AsemakaavaAineisto>

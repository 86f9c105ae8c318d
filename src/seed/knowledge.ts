// Demo knowledge base: a dozen articles of demo organisations, linked to services of the demo catalogue, some
// public (help pages) and some internal (agent scripts). Written for the demo: plausible and general; amounts,
// delays and phone numbers that differ from one commune to another are deliberately left out.
// Idempotent: an article whose slug exists is left as it is (editors' changes stay).
import type { Database } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { insertArticle, publishWorkingCopy, type Visibility } from '../knowledge/repository.ts';

interface DemoArticle {
  slug: string;
  owner: string;
  visibility: Visibility;
  services: string[];
  title: LocalizedText;
  body: LocalizedText;
  /** Review date (YYYY-MM-DD). */
  reviewOn?: string;
  /** Published (default) or left as a draft. */
  draft?: boolean;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: 'renouveler-sa-carte-d-identite',
    owner: 'commune-schaerbeek',
    visibility: 'public',
    services: ['eid-card'],
    title: {
      fr: 'Renouveler sa carte d’identité électronique',
      nl: 'Uw elektronische identiteitskaart vernieuwen',
      en: 'Renewing your electronic identity card',
    },
    body: {
      fr: `Une carte d’identité électronique (eID) d’un adulte est valable 10 ans. Quelques semaines avant la date d’expiration, la commune envoie une lettre d’invitation.

Présentez-vous au service Population, sur rendez-vous, avec :
- la lettre d’invitation (si vous l’avez reçue) ;
- votre carte actuelle ;
- une photo d’identité récente aux normes, si la commune ne prend pas la photo au guichet.

La nouvelle carte est fabriquée en environ trois semaines. Vous recevez à domicile une lettre avec vos codes PIN et PUK : gardez-la, puis venez retirer et activer la carte avec cette lettre. Une procédure urgente existe, plus chère.

Vous avez perdu votre carte ou on vous l’a volée ? Faites-la bloquer tout de suite via DocStop (00800 2123 2123, gratuit, jour et nuit), puis déclarez la perte à la police ou à la commune.`,
      nl: `Een elektronische identiteitskaart (eID) van een volwassene is 10 jaar geldig. Enkele weken voor de vervaldatum stuurt de gemeente een uitnodigingsbrief.

Kom naar de dienst Bevolking, op afspraak, met:
- de uitnodigingsbrief (als u die kreeg);
- uw huidige kaart;
- een recente pasfoto volgens de normen, als de gemeente de foto niet aan het loket neemt.

De nieuwe kaart wordt in ongeveer drie weken gemaakt. U krijgt thuis een brief met uw PIN- en PUK-code: bewaar die en haal de kaart met die brief op om ze te activeren. Er bestaat een dringende procedure, die duurder is.

Kaart verloren of gestolen? Laat ze meteen blokkeren via DocStop (00800 2123 2123, gratis, dag en nacht) en meld het verlies bij de politie of de gemeente.`,
      en: `An adult’s electronic identity card (eID) is valid for 10 years. A few weeks before it expires, the municipality sends an invitation letter.

Go to the Population service, by appointment, with:
- the invitation letter (if you received one);
- your current card;
- a recent passport-standard photo, unless the municipality takes the photo at the counter.

The new card is made in about three weeks. You receive a letter at home with your PIN and PUK codes: keep it, then collect and activate the card with that letter. An urgent procedure exists, at a higher price.

Lost or stolen card? Have it blocked at once through DocStop (00800 2123 2123, free, day and night), then report the loss to the police or the municipality.`,
    },
  },
  {
    slug: 'script-codes-pin-puk-perdus',
    owner: 'commune-schaerbeek',
    visibility: 'internal',
    services: ['eid-card'],
    title: {
      fr: 'Script agent : codes PIN/PUK perdus ou carte bloquée',
      nl: 'Script medewerker: PIN/PUK-codes kwijt of kaart geblokkeerd',
      en: 'Agent script: lost PIN/PUK codes or blocked card',
    },
    body: {
      fr: `Demandez d’abord si l’usager a encore sa carte en main.

Carte en main, PIN oublié ou bloqué après trois essais :
- il faut de nouveaux codes : la demande se fait au guichet Population, carte d’identité en main ;
- une nouvelle lettre PIN/PUK est envoyée au domicile, puis l’usager revient au guichet pour réinitialiser le code ;
- rappelez que la lettre arrive par la poste : l’adresse au registre doit être à jour.

Carte perdue ou volée : ce n’est pas un problème de code. Orientez vers DocStop (00800 2123 2123) pour bloquer la carte, puis vers une nouvelle demande de carte.

Ne demandez jamais le code PIN à l’usager, ni par téléphone ni par écrit.`,
      nl: `Vraag eerst of de gebruiker zijn kaart nog heeft.

Kaart in handen, PIN vergeten of geblokkeerd na drie pogingen:
- er zijn nieuwe codes nodig: die worden aangevraagd aan het loket Bevolking, met de identiteitskaart;
- er wordt een nieuwe PIN/PUK-brief naar het woonadres gestuurd, daarna komt de gebruiker terug naar het loket om de code opnieuw in te stellen;
- herinner eraan dat de brief per post komt: het adres in het register moet kloppen.

Kaart verloren of gestolen: dat is geen codeprobleem. Verwijs naar DocStop (00800 2123 2123) om de kaart te blokkeren, en daarna naar een nieuwe kaartaanvraag.

Vraag de gebruiker nooit zijn PIN-code, niet telefonisch en niet schriftelijk.`,
      en: `First ask whether the user still has the card.

Card in hand, PIN forgotten or blocked after three attempts:
- new codes are needed: they are requested at the Population counter, with the identity card;
- a new PIN/PUK letter is sent to the home address, then the user comes back to the counter to reset the code;
- remind them that the letter comes by post: the address in the register must be right.

Card lost or stolen: this is not a code problem. Refer to DocStop (00800 2123 2123) to block the card, then to a new card application.

Never ask a user for their PIN code, by phone or in writing.`,
    },
  },
  {
    slug: 'changement-d-adresse-et-visite-de-l-agent-de-quartier',
    owner: 'commune-schaerbeek',
    visibility: 'public',
    services: ['change-of-address'],
    title: {
      fr: 'Changement d’adresse : déclaration et visite de l’agent de quartier',
      nl: 'Adreswijziging: aangifte en bezoek van de wijkagent',
      en: 'Change of address: declaration and the neighbourhood officer’s visit',
    },
    body: {
      fr: `Quand vous déménagez à Bruxelles, déclarez votre nouvelle adresse à la commune où vous allez habiter, dans les 8 jours ouvrables après votre installation. Beaucoup de communes acceptent la déclaration en ligne ; sinon, au guichet Population.

Ensuite, un agent de quartier de la police passe vérifier que vous habitez bien à cette adresse. Mettez votre nom sur la boîte aux lettres et la sonnette. S’il ne vous trouve pas, il laisse un avis de passage : suivez les instructions pour le rencontrer.

Après une enquête favorable, votre inscription est confirmée. La commune vous invite alors à faire mettre à jour l’adresse sur votre carte d’identité et celles des membres de votre ménage.`,
      nl: `Als u in Brussel verhuist, geeft u uw nieuwe adres aan bij de gemeente waar u gaat wonen, binnen 8 werkdagen nadat u er bent ingetrokken. Veel gemeenten aanvaarden de aangifte online; anders aan het loket Bevolking.

Daarna komt een wijkagent van de politie controleren of u echt op dat adres woont. Zet uw naam op de brievenbus en de bel. Als hij u niet aantreft, laat hij een bericht achter: volg de instructies om hem te ontmoeten.

Na een gunstig onderzoek wordt uw inschrijving bevestigd. De gemeente nodigt u dan uit om het adres op uw identiteitskaart en die van uw gezinsleden te laten aanpassen.`,
      en: `When you move within or to Brussels, declare your new address to the municipality where you will live, within 8 working days of moving in. Many municipalities accept the declaration online; otherwise at the Population counter.

A neighbourhood police officer then visits to check that you really live at that address. Put your name on the letterbox and the doorbell. If the officer does not find you, they leave a notice: follow its instructions to meet them.

After a favourable check, your registration is confirmed. The municipality then invites you to have the address updated on your identity card and those of your household.`,
    },
  },
  {
    slug: 'script-certificats-orienter-vers-irisbox',
    owner: 'commune-schaerbeek',
    visibility: 'internal',
    services: ['residence-certificate', 'household-composition-certificate'],
    // Deliberately without English: the page shows the French text with a notice (visible fallback).
    title: {
      fr: 'Script agent : certificat de résidence ou composition de ménage',
      nl: 'Script medewerker: attest van woonst of gezinssamenstelling',
    },
    body: {
      fr: `Ces certificats ne demandent pas de passage au guichet. Proposez d’abord la voie en ligne :
- sur Irisbox, avec un lecteur de carte eID ou l’application itsme ;
- le document est signé électroniquement et a la même valeur qu’un document papier.

Si l’usager n’a ni lecteur ni itsme, ou demande le certificat pour une autre personne (procuration), orientez vers le guichet Population avec sa carte d’identité.

Vérifiez l’usage : un organisme étranger demande parfois une légalisation ou une apostille (SPF Affaires étrangères).`,
      nl: `Voor deze attesten is geen bezoek aan het loket nodig. Stel eerst de online weg voor:
- via Irisbox, met een eID-kaartlezer of de itsme-app;
- het document is elektronisch ondertekend en heeft dezelfde waarde als een papieren document.

Heeft de gebruiker geen kaartlezer of itsme, of vraagt hij het attest voor iemand anders (volmacht), verwijs dan naar het loket Bevolking met zijn identiteitskaart.

Controleer waarvoor het dient: een buitenlandse instantie vraagt soms een legalisatie of apostille (FOD Buitenlandse Zaken).`,
    },
  },
  {
    slug: 'carte-de-derogation-riverain',
    owner: 'parking-brussels',
    visibility: 'public',
    reviewOn: '2026-09-30',
    services: ['resident-parking-card', 'visitor-parking-card'],
    title: {
      fr: 'Carte de dérogation riverain : qui y a droit et comment la demander',
      nl: 'Bewonerskaart: wie heeft er recht op en hoe vraagt u ze aan',
      en: 'Resident parking card: who can get one and how to apply',
    },
    body: {
      fr: `La carte riverain permet de stationner sans limite de durée dans les zones réglementées de votre secteur. Selon la commune, elle est délivrée par la commune elle-même ou par parking.brussels, l’agence régionale du stationnement.

Conditions :
- être inscrit à une adresse de la commune ;
- utiliser un véhicule immatriculé à votre nom, ou un véhicule de société ou de leasing mis à votre disposition.

La carte est liée à la plaque d’immatriculation : il n’y a souvent plus de carte à placer derrière le pare-brise. Le prix augmente avec le nombre de cartes du ménage. Pour vos visiteurs, demandez une carte visiteur.`,
      nl: `Met de bewonerskaart parkeert u zonder tijdslimiet in de gereglementeerde zones van uw sector. Afhankelijk van de gemeente wordt ze uitgereikt door de gemeente zelf of door parking.brussels, het gewestelijk parkeeragentschap.

Voorwaarden:
- ingeschreven zijn op een adres in de gemeente;
- een voertuig gebruiken dat op uw naam is ingeschreven, of een bedrijfs- of leasingwagen die u ter beschikking staat.

De kaart is gekoppeld aan de nummerplaat: vaak hoeft er geen kaart meer achter de voorruit. De prijs stijgt met het aantal kaarten in het gezin. Voor uw bezoekers vraagt u een bezoekerskaart aan.`,
      en: `The resident card lets you park with no time limit in the regulated zones of your sector. Depending on the municipality, it is issued by the municipality itself or by parking.brussels, the regional parking agency.

Conditions:
- being registered at an address in the municipality;
- using a vehicle registered in your name, or a company or lease car made available to you.

The card is linked to the number plate: often there is no longer a card to put behind the windscreen. The price rises with the number of cards in the household. For your visitors, apply for a visitor card.`,
    },
  },
  {
    slug: 'trier-ses-dechets-les-sacs-de-couleur',
    owner: 'bruxelles-proprete',
    visibility: 'public',
    services: ['household-waste-sorting'],
    reviewOn: '2027-06-30',
    title: {
      fr: 'Trier ses déchets ménagers : quel sac pour quoi ?',
      nl: 'Huishoudelijk afval sorteren: welke zak waarvoor?',
      en: 'Sorting household waste: which bag for what?',
    },
    body: {
      fr: `À Bruxelles, les déchets ménagers sont collectés dans des sacs de couleur :
- sac blanc : déchets résiduels, non recyclables ;
- sac bleu : bouteilles et flacons en plastique, emballages métalliques et cartons à boissons (PMC) ;
- sac jaune : papiers et cartons propres et secs ;
- sac orange : déchets alimentaires ;
- sac vert : déchets de jardin, dans les communes où ils sont collectés.

Le verre va dans les bulles à verre, jamais dans un sac. Les jours de collecte dépendent de votre rue : consultez le calendrier de Bruxelles-Propreté. Sortez les sacs la veille au soir, pas plus tôt.`,
      nl: `In Brussel wordt huishoudelijk afval opgehaald in gekleurde zakken:
- witte zak: restafval, niet recycleerbaar;
- blauwe zak: plastic flessen en flacons, metalen verpakkingen en drankkartons (PMD);
- gele zak: proper en droog papier en karton;
- oranje zak: voedingsafval;
- groene zak: tuinafval, in de gemeenten waar het wordt opgehaald.

Glas gaat in de glasbollen, nooit in een zak. De ophaaldagen hangen af van uw straat: raadpleeg de kalender van Net Brussel. Zet de zakken de avond voordien buiten, niet vroeger.`,
      en: `In Brussels, household waste is collected in coloured bags:
- white bag: residual waste that cannot be recycled;
- blue bag: plastic bottles and flasks, metal packaging and drink cartons (PMC);
- yellow bag: clean, dry paper and cardboard;
- orange bag: food waste;
- green bag: garden waste, in the municipalities where it is collected.

Glass goes into bottle banks, never into a bag. Collection days depend on your street: check the Bruxelles-Propreté calendar. Put the bags out the evening before, not earlier.`,
    },
  },
  {
    slug: 'se-debarrasser-des-encombrants',
    owner: 'bruxelles-proprete',
    visibility: 'public',
    services: ['bulky-waste-collection', 'recypark'],
    title: {
      fr: 'Se débarrasser des encombrants',
      nl: 'Grofvuil kwijtraken',
      en: 'Getting rid of bulky waste',
    },
    body: {
      fr: `Meubles, matelas, gros appareils : ils ne vont ni dans les sacs ni sur le trottoir. Trois possibilités :
- les déposer dans un Recypark régional, avec votre carte d’identité comme preuve de domicile à Bruxelles ;
- demander l’enlèvement à domicile par Bruxelles-Propreté, sur rendez-vous et moyennant paiement ;
- donner ce qui peut encore servir à une ressourcerie ou une association.

Un dépôt sur la voie publique est un dépôt clandestin : il est sanctionné par une amende.`,
      nl: `Meubels, matrassen, grote toestellen: ze horen niet in de zakken en niet op het trottoir. Drie mogelijkheden:
- ze naar een gewestelijk Recypark brengen, met uw identiteitskaart als bewijs dat u in Brussel woont;
- ze thuis laten ophalen door Net Brussel, op afspraak en tegen betaling;
- wat nog bruikbaar is, schenken aan een kringloopwinkel of een vereniging.

Iets op de openbare weg achterlaten is sluikstorten: daar staat een boete op.`,
      en: `Furniture, mattresses, large appliances: they go neither in bags nor on the pavement. Three options:
- take them to a regional Recypark, with your identity card as proof that you live in Brussels;
- have them collected at home by Bruxelles-Propreté, by appointment and for a fee;
- give what can still be used to a second-hand shop or a charity.

Leaving items on the public road is illegal dumping and is fined.`,
    },
  },
  {
    slug: 'script-signalement-depot-clandestin',
    owner: 'bruxelles-proprete',
    visibility: 'internal',
    services: ['illegal-dumping-report'],
    title: {
      fr: 'Script agent : un usager signale un dépôt clandestin',
      nl: 'Script medewerker: een gebruiker meldt een sluikstort',
      en: 'Agent script: a user reports illegal dumping',
    },
    body: {
      fr: `Notez l’essentiel pour que l’équipe puisse intervenir :
- l’adresse précise (rue, numéro ou repère, commune) ;
- ce qui a été déposé et le volume approximatif ;
- si des produits dangereux sont visibles (bonbonnes, pots de peinture, amiante) : le signaler en priorité.

Ne demandez pas à l’usager d’identifier l’auteur. S’il a vu quelqu’un déposer, proposez-lui de s’adresser à la police.

Voirie régionale ou communale : la demande est transmise au bon service ; l’usager n’a pas à le savoir.`,
      nl: `Noteer het essentiële zodat de ploeg kan ingrijpen:
- het precieze adres (straat, nummer of herkenningspunt, gemeente);
- wat er werd achtergelaten en het geschatte volume;
- zijn er gevaarlijke producten zichtbaar (gasflessen, verfpotten, asbest), meld dat dan met voorrang.

Vraag de gebruiker niet om de dader te identificeren. Heeft hij iemand zien storten, stel dan voor dat hij zich tot de politie wendt.

Gewest- of gemeenteweg: de vraag wordt naar de juiste dienst doorgestuurd; de gebruiker hoeft dat niet te weten.`,
      en: `Note what the team needs to act:
- the exact address (street, number or landmark, municipality);
- what was dumped and the rough volume;
- whether hazardous products are visible (gas bottles, paint pots, asbestos): report that first.

Do not ask the user to identify who did it. If they saw someone dumping, suggest they contact the police.

Regional or municipal road: the request is passed to the right service; the user does not need to know which.`,
    },
  },
  {
    slug: 'demarches-en-ligne-irisbox',
    owner: 'easy-brussels',
    visibility: 'public',
    services: ['residence-certificate', 'household-composition-certificate', 'civil-status-record'],
    title: {
      fr: 'Faire ses démarches en ligne avec Irisbox',
      nl: 'Uw administratie online regelen met Irisbox',
      en: 'Doing your paperwork online with Irisbox',
    },
    body: {
      fr: `Irisbox est le guichet électronique des communes bruxelloises. Il permet de demander, sans vous déplacer, des documents comme :
- un certificat de résidence ou de composition de ménage ;
- un extrait ou une copie d’acte de l’état civil.

Pour vous connecter, il vous faut votre carte d’identité et un lecteur de carte, ou l’application itsme. Les documents délivrés sont signés électroniquement et ont la même valeur que sur papier.

Toutes les communes ne proposent pas toutes les démarches : Irisbox vous montre celles de votre commune. Besoin d’aide ? Le contact center régional peut vous guider pas à pas.`,
      nl: `Irisbox is het elektronische loket van de Brusselse gemeenten. U kunt er, zonder zich te verplaatsen, documenten aanvragen zoals:
- een attest van woonst of van gezinssamenstelling;
- een uittreksel of afschrift van een akte van de burgerlijke stand.

Om in te loggen hebt u uw identiteitskaart en een kaartlezer nodig, of de itsme-app. De afgeleverde documenten zijn elektronisch ondertekend en hebben dezelfde waarde als op papier.

Niet elke gemeente biedt alle procedures aan: Irisbox toont u die van uw gemeente. Hulp nodig? Het gewestelijk contactcenter kan u stap voor stap begeleiden.`,
      en: `Irisbox is the online counter of the Brussels municipalities. Without going anywhere, you can request documents such as:
- a residence or household composition certificate;
- an extract or copy of a civil status record.

To sign in, you need your identity card and a card reader, or the itsme app. The documents you receive are electronically signed and are worth the same as paper ones.

Not every municipality offers every procedure: Irisbox shows you those of your municipality. Need help? The regional contact center can guide you step by step.`,
    },
  },
  {
    slug: 'kids-id-pour-les-enfants-de-moins-de-12-ans',
    owner: 'commune-ixelles',
    visibility: 'public',
    services: ['kids-id'],
    title: {
      fr: 'La Kids-ID pour les enfants de moins de 12 ans',
      nl: 'De Kids-ID voor kinderen jonger dan 12 jaar',
      en: 'The Kids-ID for children under 12',
    },
    body: {
      fr: `La Kids-ID est la pièce d’identité électronique des enfants belges de moins de 12 ans. Elle est valable 3 ans et sert de document de voyage dans plusieurs pays européens.

Un parent la demande au guichet Population, avec l’enfant, qui doit être présent. Apportez une photo récente aux normes si la commune ne la prend pas sur place.

La carte est prête après environ trois semaines ; les codes sont envoyés aux parents par courrier. Pensez à la demander bien avant un départ en voyage : la procédure urgente coûte nettement plus cher.`,
      nl: `De Kids-ID is het elektronische identiteitsbewijs van Belgische kinderen jonger dan 12 jaar. Ze is 3 jaar geldig en geldt als reisdocument in verschillende Europese landen.

Een ouder vraagt ze aan aan het loket Bevolking, samen met het kind, dat aanwezig moet zijn. Breng een recente pasfoto volgens de normen mee als de gemeente de foto niet ter plaatse neemt.

De kaart is na ongeveer drie weken klaar; de codes worden per post naar de ouders gestuurd. Vraag ze ruim voor een reis aan: de dringende procedure kost veel meer.`,
      en: `The Kids-ID is the electronic identity document of Belgian children under 12. It is valid for 3 years and serves as a travel document in several European countries.

A parent applies at the Population counter, with the child, who must be present. Bring a recent passport-standard photo if the municipality does not take it on the spot.

The card is ready after about three weeks; the codes are sent to the parents by post. Apply well before a trip: the urgent procedure costs much more.`,
    },
  },
  {
    slug: 'script-rendez-vous-au-service-population',
    owner: 'commune-ixelles',
    visibility: 'internal',
    services: ['eid-card', 'passport', 'kids-id'],
    title: {
      fr: 'Script agent : prise de rendez-vous au service Population',
      nl: 'Script medewerker: een afspraak maken bij de dienst Bevolking',
      en: 'Agent script: booking an appointment at the Population service',
    },
    body: {
      fr: `Les demandes de carte d’identité, de Kids-ID et de passeport se font sur rendez-vous.

Avant de fixer le rendez-vous, vérifiez :
- pour qui est la demande (adulte, enfant de moins de 12 ans, passeport) : la durée du créneau n’est pas la même ;
- que chaque personne concernée pourra être présente (empreintes pour le passeport, enfant présent pour la Kids-ID) ;
- que l’usager sait quoi apporter : ancienne carte, lettre d’invitation, photo si nécessaire.

En cas de départ imminent, mentionnez la procédure urgente et son coût plus élevé. Un usager sans rendez-vous n’est pas refusé sans avoir reçu une date.`,
      nl: `Aanvragen voor een identiteitskaart, Kids-ID en paspoort gebeuren op afspraak.

Controleer voor u de afspraak vastlegt:
- voor wie de aanvraag is (volwassene, kind jonger dan 12, paspoort): de duur van het tijdslot verschilt;
- dat elke betrokken persoon aanwezig kan zijn (vingerafdrukken voor het paspoort, kind aanwezig voor de Kids-ID);
- dat de gebruiker weet wat mee te brengen: oude kaart, uitnodigingsbrief, foto indien nodig.

Bij een nakend vertrek vermeldt u de dringende procedure en de hogere kostprijs. Een gebruiker zonder afspraak wordt niet weggestuurd zonder een datum te krijgen.`,
      en: `Applications for an identity card, a Kids-ID and a passport are by appointment.

Before booking, check:
- who the application is for (adult, child under 12, passport): the slot length differs;
- that every person concerned can attend (fingerprints for a passport, the child present for a Kids-ID);
- that the user knows what to bring: old card, invitation letter, a photo if needed.

If departure is imminent, mention the urgent procedure and its higher cost. A user without an appointment is never turned away without a date.`,
    },
  },
  {
    slug: 'script-adresse-de-reference-cpas',
    owner: 'cpas-schaerbeek',
    visibility: 'internal',
    services: ['reference-address'],
    title: {
      fr: 'Script agent : demande d’adresse de référence au CPAS',
      nl: 'Script medewerker: aanvraag van een referentieadres bij het OCMW',
      en: 'Agent script: applying for a reference address at the CPAS',
    },
    body: {
      fr: `L’adresse de référence au CPAS permet à une personne sans abri de rester inscrite au registre de la population, de recevoir son courrier et de garder ses droits (allocations, mutuelle).

Orientez vers le service social du CPAS de la commune où la personne séjourne habituellement. Elle ne doit pas avoir de résidence et ne peut pas être inscrite ailleurs.

Ne posez pas de questions sur la situation personnelle au-delà de ce qui sert à orienter : l’assistant social s’en charge en entretien.`,
      nl: `Met een referentieadres bij het OCMW blijft een dakloze ingeschreven in het bevolkingsregister, ontvangt ze haar post en behoudt ze haar rechten (uitkeringen, ziekenfonds).

Verwijs naar de sociale dienst van het OCMW van de gemeente waar de persoon gewoonlijk verblijft. Ze mag geen verblijfplaats hebben en nergens anders ingeschreven zijn.

Stel geen vragen over de persoonlijke situatie die verder gaan dan wat nodig is om door te verwijzen: de maatschappelijk werker doet dat in het gesprek.`,
      en: `A reference address at the CPAS lets a homeless person stay registered in the population register, receive post and keep their rights (benefits, health insurance).

Refer them to the social service of the CPAS of the municipality where the person usually stays. They must have no residence and cannot be registered elsewhere.

Ask no questions about their personal situation beyond what you need to refer them: the social worker does that in the interview.`,
    },
  },
  {
    slug: 'kb-brouillon-passeport-delais',
    owner: 'commune-schaerbeek',
    visibility: 'public',
    services: ['passport'],
    draft: true,
    title: { fr: 'Passeport : délais de délivrance (brouillon)', nl: 'Paspoort: aflevertermijnen (ontwerp)', en: 'Passport: delivery times (draft)' },
    body: {
      fr: 'Texte en préparation par le service Population.',
      nl: 'Tekst in voorbereiding door de dienst Bevolking.',
      en: 'Text being prepared by the Population service.',
    },
  },
];

export async function seedKnowledgeDemo(db: Database): Promise<{ knowledgeArticlesCreated: number }> {
  let created = 0;
  for (const article of DEMO_ARTICLES) {
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(`SELECT id FROM organisations WHERE code = $1`, [article.owner]);
      const owner = rows[0];
      if (!owner) return;
      const id = await insertArticle(tx, {
        slug: article.slug,
        ownerOrganisationId: owner.id,
        visibility: article.visibility,
        title: article.title,
        body: article.body,
        serviceCodes: article.services,
        reviewOn: article.reviewOn ?? null,
        accountId: null,
      });
      if (!id) return;
      created++;
      if (!article.draft) await publishWorkingCopy(tx, id, null, null);
    });
  }
  return { knowledgeArticlesCreated: created };
}

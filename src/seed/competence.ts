// Reference data of the competence center, loaded at every start (inserting what is missing, never
// overwriting what editors changed): the default questionnaire over five dimensions, a library of real
// good practices with their sources, and the rules mapping weak criteria to measures. Demo data (only
// when demo is on): two campaigns with submitted assessments, action plans, an expertise request and a
// first version of the regional strategy, so the pages show something.
import type { Database, Queryable } from '../platform/db/database.ts';
import type { Dimension } from '../competence/scoring.ts';
import { generateActionPlan } from '../competence/action-plans/repository.ts';

type T3 = { fr: string; nl: string; en: string };

export interface TemplateCriterion {
  key: string;
  dimension: Dimension;
  title: T3;
  guidance: T3;
}

/**
 * The default questionnaire: four criteria per dimension, each scored on the PDCA panel (0–100) of
 * src/competence/scoring.ts. The guidance says what a fully developed practice looks like and what counts
 * as evidence.
 */
export const DEFAULT_QUESTIONNAIRE: TemplateCriterion[] = [
  // ---- Culture
  {
    key: 'culture.charter',
    dimension: 'culture',
    title: {
      fr: 'Une charte d’accueil existe et est connue du personnel et des usagers',
      nl: 'Er is een onthaalcharter dat medewerkers en gebruikers kennen',
      en: 'A reception charter exists and is known by staff and users',
    },
    guidance: {
      fr: 'La charte fixe des engagements concrets (politesse, délais, droit à l’erreur, langues), est affichée aux guichets et en ligne, et les agents savent l’expliquer. Preuves : la charte, sa date de révision, le plan de formation qui la présente.',
      nl: 'Het charter bevat concrete engagementen (beleefdheid, termijnen, recht op vergissing, talen), hangt aan de loketten en staat online, en medewerkers kunnen het uitleggen. Bewijs: het charter, de herzieningsdatum, het opleidingsplan dat het voorstelt.',
      en: 'The charter sets concrete commitments (courtesy, deadlines, the right to make mistakes, languages), is displayed at the desks and online, and agents can explain it. Evidence: the charter, its review date, the training plan that presents it.',
    },
  },
  {
    key: 'culture.training',
    dimension: 'culture',
    title: {
      fr: 'Les agents d’accueil sont formés à l’accueil, au langage clair et à la diversité des publics',
      nl: 'Onthaalmedewerkers zijn opgeleid in onthaal, klare taal en omgaan met diverse doelgroepen',
      en: 'Reception staff are trained in welcoming, plain language and serving diverse users',
    },
    guidance: {
      fr: 'Chaque nouvel agent suit un parcours d’intégration ; une formation continue est planifiée chaque année ; les besoins sont revus avec les agents. Preuves : programme, taux de participation, évaluations.',
      nl: 'Elke nieuwe medewerker volgt een onthaaltraject; jaarlijks is er voortgezette opleiding; noden worden met de medewerkers besproken. Bewijs: programma, deelnamegraad, evaluaties.',
      en: 'Every new agent follows an induction path; continuing training is planned every year; needs are reviewed with the agents. Evidence: programme, participation rate, evaluations.',
    },
  },
  {
    key: 'culture.safety',
    dimension: 'culture',
    title: {
      fr: 'L’agressivité est prévenue et chaque incident est suivi',
      nl: 'Agressie wordt voorkomen en elk incident wordt opgevolgd',
      en: 'Aggression is prevented and every incident is followed up',
    },
    guidance: {
      fr: 'Aménagement des guichets, procédure d’alerte, enregistrement des incidents, débriefing et soutien des agents, analyse annuelle des incidents. Preuves : procédure, registre (chiffres anonymes), actions décidées.',
      nl: 'Inrichting van de loketten, alarmprocedure, registratie van incidenten, debriefing en ondersteuning van medewerkers, jaarlijkse analyse. Bewijs: procedure, register (anonieme cijfers), genomen maatregelen.',
      en: 'Desk layout, alert procedure, incident recording, debriefing and support of agents, yearly analysis of incidents. Evidence: procedure, register (anonymous figures), measures taken.',
    },
  },
  {
    key: 'culture.plain_language',
    dimension: 'culture',
    title: {
      fr: 'Les courriers, formulaires et pages web sont écrits en langage clair',
      nl: 'Brieven, formulieren en webpagina’s zijn in klare taal geschreven',
      en: 'Letters, forms and web pages are written in plain language',
    },
    guidance: {
      fr: 'Les documents les plus utilisés sont réécrits et testés avec des usagers ; un guide de rédaction est appliqué ; les textes existent en français et en néerlandais (et en anglais si utile). Preuves : guide, documents avant/après, tests.',
      nl: 'De meest gebruikte documenten zijn herschreven en met gebruikers getest; een schrijfwijzer wordt toegepast; teksten bestaan in het Frans en het Nederlands (en het Engels waar nuttig). Bewijs: schrijfwijzer, documenten voor/na, tests.',
      en: 'The most used documents are rewritten and tested with users; a style guide is applied; texts exist in French and Dutch (and English where useful). Evidence: guide, documents before/after, tests.',
    },
  },
  // ---- Knowledge of the user
  {
    key: 'user_knowledge.needs',
    dimension: 'user_knowledge',
    title: {
      fr: 'Les besoins des usagers sont mesurés et connus',
      nl: 'De noden van gebruikers worden gemeten en zijn gekend',
      en: 'User needs are measured and known',
    },
    guidance: {
      fr: 'Études de publics, parcours usagers, motifs de contact comptés, publics éloignés du numérique identifiés ; les résultats orientent les décisions. Preuves : études, parcours, décisions qui en découlent.',
      nl: 'Doelgroepenonderzoek, klantreizen, getelde contactredenen, digitaal kwetsbare groepen in kaart; de resultaten sturen beslissingen. Bewijs: studies, klantreizen, beslissingen die eruit volgen.',
      en: 'Audience studies, user journeys, counted reasons for contact, digitally excluded groups identified; results guide decisions. Evidence: studies, journeys, decisions that follow from them.',
    },
  },
  {
    key: 'user_knowledge.satisfaction',
    dimension: 'user_knowledge',
    title: {
      fr: 'La satisfaction des usagers est mesurée après les contacts',
      nl: 'De tevredenheid van gebruikers wordt na contacten gemeten',
      en: 'User satisfaction is measured after contacts',
    },
    guidance: {
      fr: 'Un questionnaire court et standard est proposé après les contacts sur tous les canaux ; les résultats sont comparables dans le temps et avec d’autres administrations. Preuves : questionnaire, taux de réponse, derniers résultats.',
      nl: 'Na contacten op alle kanalen wordt een korte, standaard vragenlijst aangeboden; de resultaten zijn vergelijkbaar in de tijd en met andere besturen. Bewijs: vragenlijst, responsgraad, laatste resultaten.',
      en: 'A short standard questionnaire is offered after contacts on every channel; results are comparable over time and with other administrations. Evidence: questionnaire, response rate, latest results.',
    },
  },
  {
    key: 'user_knowledge.complaints',
    dimension: 'user_knowledge',
    title: {
      fr: 'Les plaintes et suggestions sont enregistrées, traitées et analysées',
      nl: 'Klachten en suggesties worden geregistreerd, behandeld en geanalyseerd',
      en: 'Complaints and suggestions are recorded, handled and analysed',
    },
    guidance: {
      fr: 'Un point d’entrée unique, un délai de réponse annoncé et tenu, une analyse périodique des causes et des améliorations décidées. Preuves : procédure, délais réels, rapport d’analyse.',
      nl: 'Eén toegangspunt, een aangekondigde en nageleefde antwoordtermijn, een periodieke analyse van oorzaken en beslist verbeteringen. Bewijs: procedure, werkelijke termijnen, analyserapport.',
      en: 'One point of entry, an announced response deadline that is kept, a periodic analysis of causes and decided improvements. Evidence: procedure, actual response times, analysis report.',
    },
  },
  {
    key: 'user_knowledge.contact_data',
    dimension: 'user_knowledge',
    title: {
      fr: 'Les contacts sont comptés par canal, par motif et par période',
      nl: 'Contacten worden geteld per kanaal, per onderwerp en per periode',
      en: 'Contacts are counted by channel, subject and period',
    },
    guidance: {
      fr: 'Volumes d’appels, de courriels, de visites et de démarches en ligne suivis chaque mois, avec les pics saisonniers et les motifs les plus fréquents. Preuves : tableau de bord, dernières données.',
      nl: 'Volumes van oproepen, e-mails, bezoeken en online aanvragen worden maandelijks gevolgd, met seizoenspieken en de vaakste onderwerpen. Bewijs: dashboard, laatste cijfers.',
      en: 'Volumes of calls, e-mails, visits and online procedures followed monthly, with seasonal peaks and the most frequent subjects. Evidence: dashboard, latest figures.',
    },
  },
  // ---- Processes
  {
    key: 'processes.second_line',
    dimension: 'processes',
    title: {
      fr: 'Les demandes complexes ont un chemin défini vers la deuxième ligne',
      nl: 'Complexe vragen hebben een vaste route naar de tweede lijn',
      en: 'Complex requests have a defined route to the second line',
    },
    guidance: {
      fr: 'Pour chaque type de demande fréquent, la première ligne sait à quel service transmettre, avec quelles informations, et l’usager reçoit un délai de réponse ; le suivi est visible. Preuves : matrice d’orientation, délais de traitement.',
      nl: 'Voor elk frequent type vraag weet de eerste lijn naar welke dienst, met welke informatie, en de gebruiker krijgt een antwoordtermijn; de opvolging is zichtbaar. Bewijs: doorverwijsmatrix, behandeltermijnen.',
      en: 'For each frequent type of request the first line knows which department to pass it to, with what information, and the user gets a response deadline; follow-up is visible. Evidence: routing matrix, handling times.',
    },
  },
  {
    key: 'processes.service_norms',
    dimension: 'processes',
    title: {
      fr: 'Des normes de service (délais, attente, rappel) sont fixées, publiées et mesurées',
      nl: 'Servicenormen (termijnen, wachttijd, terugbellen) zijn vastgelegd, bekendgemaakt en gemeten',
      en: 'Service norms (deadlines, waiting, callbacks) are set, published and measured',
    },
    guidance: {
      fr: 'Par exemple : rappel le jour ouvrable suivant, réponse écrite sous cinq jours ouvrables, attente au guichet de dix minutes au plus ; les résultats sont mesurés et publiés. Preuves : normes, mesures.',
      nl: 'Bijvoorbeeld: terugbellen de volgende werkdag, schriftelijk antwoord binnen vijf werkdagen, hoogstens tien minuten wachten aan het loket; de resultaten worden gemeten en bekendgemaakt. Bewijs: normen, metingen.',
      en: 'For example: callback the next working day, written answer within five working days, at most ten minutes waiting at the desk; results are measured and published. Evidence: norms, measurements.',
    },
  },
  {
    key: 'processes.appointments',
    dimension: 'processes',
    title: {
      fr: 'L’accueil physique est organisé : rendez-vous, file d’attente, horaires adaptés',
      nl: 'Het fysieke onthaal is georganiseerd: afspraken, wachtrij, aangepaste openingsuren',
      en: 'Face-to-face reception is organised: appointments, queue, suitable hours',
    },
    guidance: {
      fr: 'Rendez-vous possibles pour les démarches longues avec rappel avant la date, gestion de file avec temps d’attente connu, horaires adaptés aux publics (soir, samedi). Preuves : offre de rendez-vous, taux d’absence, temps d’attente.',
      nl: 'Afspraken mogelijk voor lange procedures met herinnering vooraf, wachtrijbeheer met gekende wachttijd, openingsuren aangepast aan de doelgroepen (avond, zaterdag). Bewijs: afsprakenaanbod, no-showgraad, wachttijden.',
      en: 'Appointments for long procedures with a reminder beforehand, queue management with a known waiting time, hours suited to users (evening, Saturday). Evidence: appointment offer, no-show rate, waiting times.',
    },
  },
  {
    key: 'processes.first_contact',
    dimension: 'processes',
    title: {
      fr: 'La plupart des questions sont réglées au premier contact, sans devoir se répéter',
      nl: 'De meeste vragen worden bij het eerste contact opgelost, zonder dat men zich moet herhalen',
      en: 'Most questions are settled at first contact, without users repeating themselves',
    },
    guidance: {
      fr: 'La première ligne dispose de l’information et de la latitude pour répondre ; le contexte suit la demande quand elle est transmise. Preuves : taux de résolution au premier contact, cas transmis avec leur contexte.',
      nl: 'De eerste lijn heeft de informatie en de ruimte om te antwoorden; de context gaat mee wanneer de vraag wordt doorgegeven. Bewijs: oplossingsgraad bij eerste contact, doorgegeven vragen met hun context.',
      en: 'The first line has the information and the latitude to answer; the context travels with the request when it is passed on. Evidence: first-contact resolution rate, requests passed on with their context.',
    },
  },
  // ---- Tools
  {
    key: 'tools.knowledge_base',
    dimension: 'tools',
    title: {
      fr: 'Les agents de première ligne disposent d’une base de connaissances à jour',
      nl: 'Eerstelijnsmedewerkers beschikken over een actuele kennisbank',
      en: 'First-line agents have an up-to-date knowledge base',
    },
    guidance: {
      fr: 'Fiches par démarche (conditions, pièces, coûts, délais), tenues à jour par les services experts avec une date de révision ; recherche facile pendant l’appel. Preuves : la base, le nombre de fiches, la date de dernière révision.',
      nl: 'Fiches per procedure (voorwaarden, stukken, kosten, termijnen), bijgehouden door de vakdiensten met een herzieningsdatum; makkelijk te doorzoeken tijdens het gesprek. Bewijs: de kennisbank, het aantal fiches, de laatste herzieningsdatum.',
      en: 'Articles per procedure (conditions, documents, costs, deadlines), kept up to date by expert departments with a review date; easy to search during a call. Evidence: the base, number of articles, last review date.',
    },
  },
  {
    key: 'tools.contact_register',
    dimension: 'tools',
    title: {
      fr: 'Les contacts et les rappels sont enregistrés dans un outil partagé',
      nl: 'Contacten en terugbelverzoeken worden in een gedeeld hulpmiddel geregistreerd',
      en: 'Contacts and callbacks are recorded in a shared tool',
    },
    guidance: {
      fr: 'Chaque contact significatif, chaque demande de rappel et chaque transmission est enregistré ; la première et la deuxième ligne voient le même historique ; les données personnelles sont limitées et protégées. Preuves : l’outil, la part des contacts enregistrés.',
      nl: 'Elk betekenisvol contact, elk terugbelverzoek en elke doorverwijzing wordt geregistreerd; eerste en tweede lijn zien dezelfde historiek; persoonsgegevens zijn beperkt en beschermd. Bewijs: het hulpmiddel, het aandeel geregistreerde contacten.',
      en: 'Every significant contact, callback request and hand-over is recorded; first and second line see the same history; personal data are limited and protected. Evidence: the tool, the share of contacts recorded.',
    },
  },
  {
    key: 'tools.channels',
    dimension: 'tools',
    title: {
      fr: 'L’administration est joignable par téléphone, courriel, formulaire web et guichet',
      nl: 'Het bestuur is bereikbaar via telefoon, e-mail, webformulier en loket',
      en: 'The administration can be reached by phone, e-mail, web form and at the desk',
    },
    guidance: {
      fr: 'Chaque canal a des horaires publiés et un délai de réponse ; le taux de décroché téléphonique est suivi ; aucun usager n’est obligé de passer par le numérique. Preuves : horaires, taux de décroché, délais.',
      nl: 'Elk kanaal heeft bekendgemaakte uren en een antwoordtermijn; de bereikbaarheid aan de telefoon wordt opgevolgd; geen gebruiker is verplicht digitaal te gaan. Bewijs: uren, bereikbaarheidsgraad, termijnen.',
      en: 'Each channel has published hours and a response time; the share of calls answered is followed; no user is forced to go digital. Evidence: hours, answer rate, response times.',
    },
  },
  {
    key: 'tools.online',
    dimension: 'tools',
    title: {
      fr: 'Les démarches les plus demandées sont possibles en ligne, de façon accessible',
      nl: 'De meest gevraagde procedures kunnen online, op een toegankelijke manier',
      en: 'The most requested procedures can be done online, accessibly',
    },
    guidance: {
      fr: 'Les démarches fréquentes (documents, attestations) sont en ligne, conformes aux règles d’accessibilité, testées avec des usagers, avec une aide humaine disponible. Preuves : liste des démarches en ligne, audit d’accessibilité, part des démarches faites en ligne.',
      nl: 'Frequente procedures (documenten, attesten) staan online, voldoen aan de toegankelijkheidsregels, zijn met gebruikers getest, met menselijke hulp beschikbaar. Bewijs: lijst van online procedures, toegankelijkheidsaudit, aandeel online aanvragen.',
      en: 'Frequent procedures (documents, certificates) are online, meet accessibility rules, are tested with users, with human help available. Evidence: list of online procedures, accessibility audit, share of requests made online.',
    },
  },
  // ---- Governance
  {
    key: 'governance.review',
    dimension: 'governance',
    title: {
      fr: 'La direction examine régulièrement la satisfaction et les indicateurs d’accueil',
      nl: 'De directie bespreekt regelmatig de tevredenheid en de onthaalindicatoren',
      en: 'Management regularly reviews satisfaction and reception indicators',
    },
    guidance: {
      fr: 'Les indicateurs (satisfaction, joignabilité, attente, délais) sont à l’ordre du jour du comité de direction au moins chaque trimestre et donnent lieu à des décisions. Preuves : ordres du jour, décisions.',
      nl: 'De indicatoren (tevredenheid, bereikbaarheid, wachttijd, termijnen) staan minstens elk kwartaal op de agenda van het directiecomité en leiden tot beslissingen. Bewijs: agenda’s, beslissingen.',
      en: 'Indicators (satisfaction, reachability, waiting, deadlines) are on the management committee agenda at least quarterly and lead to decisions. Evidence: agendas, decisions.',
    },
  },
  {
    key: 'governance.objectives',
    dimension: 'governance',
    title: {
      fr: 'L’accueil a des objectifs chiffrés dans le plan stratégique',
      nl: 'Het onthaal heeft becijferde doelstellingen in het strategisch plan',
      en: 'Reception has quantified objectives in the strategic plan',
    },
    guidance: {
      fr: 'Des objectifs avec valeurs cibles et échéances, un responsable désigné et des moyens ; ils se retrouvent dans les objectifs des responsables. Preuves : plan stratégique, fiches d’objectifs.',
      nl: 'Doelstellingen met streefwaarden en termijnen, een aangewezen verantwoordelijke en middelen; ze zitten in de doelstellingen van de leidinggevenden. Bewijs: strategisch plan, doelstellingsfiches.',
      en: 'Objectives with target values and dates, a named person responsible and resources; they appear in the managers’ objectives. Evidence: strategic plan, objective sheets.',
    },
  },
  {
    key: 'governance.publication',
    dimension: 'governance',
    title: {
      fr: 'Les engagements de service et leurs résultats sont publiés',
      nl: 'Service-engagementen en hun resultaten worden bekendgemaakt',
      en: 'Service commitments and their results are published',
    },
    guidance: {
      fr: 'Au moins une fois par an, au plus près des usagers (sur place et en ligne) : part des appels décrochés, délais tenus, satisfaction, améliorations faites. Preuves : publication, date.',
      nl: 'Minstens jaarlijks, zo dicht mogelijk bij de gebruikers (ter plaatse en online): aandeel beantwoorde oproepen, nageleefde termijnen, tevredenheid, verbeteringen. Bewijs: publicatie, datum.',
      en: 'At least yearly, as close to users as possible (on site and online): share of calls answered, deadlines kept, satisfaction, improvements made. Evidence: publication, date.',
    },
  },
  {
    key: 'governance.cooperation',
    dimension: 'governance',
    title: {
      fr: 'L’administration coopère avec les autres pour orienter les usagers',
      nl: 'Het bestuur werkt samen met andere besturen om gebruikers door te verwijzen',
      en: 'The administration cooperates with others to refer users',
    },
    guidance: {
      fr: 'Accords d’orientation avec les administrations voisines (commune, CPAS, organismes régionaux), participation au réseau régional de l’accueil, échange de bonnes pratiques. Preuves : accords, participation, cas orientés.',
      nl: 'Doorverwijsafspraken met naburige besturen (gemeente, OCMW, gewestelijke instellingen), deelname aan het gewestelijk onthaalnetwerk, uitwisseling van goede praktijken. Bewijs: afspraken, deelname, doorverwezen vragen.',
      en: 'Referral agreements with neighbouring administrations (commune, CPAS, regional bodies), taking part in the regional reception network, exchange of good practices. Evidence: agreements, participation, referred cases.',
    },
  },
];

export interface SeedPractice {
  key: string;
  place: 'france' | 'flanders' | 'wallonia' | 'netherlands' | 'brussels' | 'europe';
  dimension: Dimension;
  title: T3;
  description: T3;
  outcome: T3;
  sourceLabel: string;
  sourceUrl: string | null;
}

/** Real practices (facts from /work/shared/ANCHORS.md and the sources named). */
export const GOOD_PRACTICES: SeedPractice[] = [
  {
    key: 'services-publics-plus',
    place: 'france',
    dimension: 'governance',
    title: {
      fr: 'Services Publics+ : des engagements publiés et suivis',
      nl: 'Services Publics+: bekendgemaakte en opgevolgde engagementen',
      en: 'Services Publics+: published commitments, followed up',
    },
    description: {
      fr: 'Programme interministériel français : chaque service public s’engage envers les usagers (bienveillance et droit à l’erreur, contact facile, accompagnement adapté, délais annoncés tenus, information claire, résultats publiés, avis des usagers pris en compte, amélioration continue) et publie ses résultats au moins une fois par an, au plus près de l’usager.',
      nl: 'Frans interministerieel programma: elke overheidsdienst engageert zich tegenover de gebruikers (vriendelijkheid en recht op vergissing, makkelijk contact, aangepaste begeleiding, aangekondigde termijnen nageleefd, duidelijke informatie, bekendgemaakte resultaten, rekening houden met de mening van gebruikers, voortdurende verbetering) en maakt zijn resultaten minstens jaarlijks bekend, zo dicht mogelijk bij de gebruiker.',
      en: 'French cross-government programme: each public service commits to users (kindness and the right to make mistakes, easy contact, suitable support, announced deadlines kept, clear information, published results, users’ opinions taken into account, continuous improvement) and publishes its results at least yearly, as close to the user as possible.',
    },
    outcome: {
      fr: 'Premier baromètre (2025) auprès de 25 000 usagers : 69 % satisfaits, 20 % neutres, 11 % insatisfaits. Principales difficultés : délais (26 %), information peu claire (24 %), devoir répéter sa situation (24 %).',
      nl: 'Eerste barometer (2025) bij 25.000 gebruikers: 69 % tevreden, 20 % neutraal, 11 % ontevreden. Voornaamste moeilijkheden: termijnen (26 %), onduidelijke informatie (24 %), zijn situatie moeten herhalen (24 %).',
      en: 'First barometer (2025) among 25,000 users: 69 % satisfied, 20 % neutral, 11 % dissatisfied. Main difficulties: delays (26 %), unclear information (24 %), having to repeat one’s situation (24 %).',
    },
    sourceLabel: 'Direction interministérielle de la transformation publique, programme Services Publics+',
    sourceUrl: 'https://www.plus.transformation.gouv.fr/',
  },
  {
    key: 'je-donne-mon-avis',
    place: 'france',
    dimension: 'user_knowledge',
    title: {
      fr: '« Je donne mon avis » : un questionnaire standard après chaque démarche en ligne',
      nl: '“Je donne mon avis”: een standaardvragenlijst na elke online procedure',
      en: '“Je donne mon avis”: a standard questionnaire after every online procedure',
    },
    description: {
      fr: 'Un bouton commun de l’État français propose, à la fin d’une démarche en ligne, les mêmes questions courtes : expérience globale, clarté de l’information, aide recherchée et par quel canal, qualité de l’aide, commentaire libre. Les réponses sont ramenées sur 10 pour être comparables.',
      nl: 'Een gemeenschappelijke knop van de Franse staat stelt op het einde van een online procedure dezelfde korte vragen: algemene ervaring, duidelijkheid van de informatie, gezochte hulp en via welk kanaal, kwaliteit van de hulp, vrije opmerking. De antwoorden worden op 10 gezet om vergelijkbaar te zijn.',
      en: 'A shared button of the French state asks, at the end of an online procedure, the same short questions: overall experience, clarity of information, help sought and through which channel, quality of help, free comment. Answers are put on a scale of 10 so they can be compared.',
    },
    outcome: {
      fr: 'Indicateurs comparables entre démarches et administrations (satisfaction, simplicité du langage, aide joignable, autonomie), avec des seuils publics : moins de 5 « pas bon », 5 à 8 « moyen », 8 et plus « bon ».',
      nl: 'Vergelijkbare indicatoren tussen procedures en besturen (tevredenheid, eenvoud van taal, bereikbare hulp, zelfredzaamheid), met publieke drempels: onder 5 “niet goed”, 5 tot 8 “gemiddeld”, 8 en meer “goed”.',
      en: 'Indicators comparable across procedures and administrations (satisfaction, simple language, help reachable, autonomy), with public bands: below 5 “not good”, 5 to 8 “average”, 8 and above “good”.',
    },
    sourceLabel: 'DINUM, jedonnemonavis.numerique.gouv.fr (code source public)',
    sourceUrl: 'https://jedonnemonavis.numerique.gouv.fr/',
  },
  {
    key: 'rdv-service-public',
    place: 'france',
    dimension: 'tools',
    title: {
      fr: 'RDV Service Public : prise de rendez-vous et rappels pour les services sociaux',
      nl: 'RDV Service Public: afspraken en herinneringen voor sociale diensten',
      en: 'RDV Service Public: appointments and reminders for social services',
    },
    description: {
      fr: 'Outil libre de l’État français : types de rendez-vous (sur place, téléphone, domicile, visio), créneaux récurrents par lieu, rappels par courriel et SMS 48 heures avant, créneau libéré proposé à une liste d’attente, suivi par un agent référent.',
      nl: 'Open-source hulpmiddel van de Franse staat: soorten afspraken (ter plaatse, telefoon, thuis, video), terugkerende tijdsloten per plaats, herinneringen per e-mail en sms 48 uur vooraf, vrijgekomen slot aangeboden aan een wachtlijst, opvolging door een referentiemedewerker.',
      en: 'Open-source tool of the French state: appointment types (on site, phone, home, video), recurring slots per place, reminders by e-mail and text 48 hours before, freed slots offered to a waiting list, follow-up by a referent agent.',
    },
    outcome: {
      fr: 'Né pour réduire les rendez-vous manqués (environ 20 % dans les services sociaux) ; utilisé par des départements et des services France Travail.',
      nl: 'Ontstaan om gemiste afspraken te verminderen (ongeveer 20 % in sociale diensten); gebruikt door departementen en diensten van France Travail.',
      en: 'Built to reduce missed appointments (about 20 % in social services); used by French départements and France Travail services.',
    },
    sourceLabel: 'betagouv/rdv-service-public (GitHub)',
    sourceUrl: 'https://github.com/betagouv/rdv-service-public',
  },
  {
    key: 'france-services',
    place: 'france',
    dimension: 'processes',
    title: {
      fr: 'France services : un guichet de proximité pour plusieurs administrations',
      nl: 'France services: een nabij loket voor meerdere besturen',
      en: 'France services: a local one-stop desk for several administrations',
    },
    description: {
      fr: 'Des agents polyvalents formés accueillent dans un même lieu pour les démarches de plusieurs organismes nationaux (impôts, allocations, retraite, emploi, identité…), avec un contact référent dans chaque organisme pour les cas complexes.',
      nl: 'Polyvalente, opgeleide medewerkers ontvangen op één plek voor de procedures van meerdere nationale instellingen (belastingen, uitkeringen, pensioen, werk, identiteit…), met een referentiecontact in elke instelling voor complexe gevallen.',
      en: 'Trained generalist agents receive people in one place for the procedures of several national bodies (tax, benefits, pensions, employment, identity…), with a referent contact in each body for complex cases.',
    },
    outcome: {
      fr: 'Un réseau de plus de 2 500 lieux labellisés, avec l’objectif d’un accès à moins de 30 minutes de chaque habitant.',
      nl: 'Een netwerk van meer dan 2.500 gelabelde plaatsen, met als doel toegang binnen 30 minuten voor elke inwoner.',
      en: 'A network of more than 2,500 labelled places, aiming at access within 30 minutes of every resident.',
    },
    sourceLabel: 'Agence nationale de la cohésion des territoires, France services',
    sourceUrl: 'https://www.france-services.gouv.fr/',
  },
  {
    key: 'vlaanderen-1700',
    place: 'flanders',
    dimension: 'processes',
    title: {
      fr: 'Contact center 1700 de la Flandre : front, middle et back office',
      nl: 'Contactcenter 1700 van Vlaanderen: front-, middle- en backoffice',
      en: 'Flanders’ 1700 contact center: front, middle and back office',
    },
    description: {
      fr: 'Un numéro unique pour les questions adressées à l’administration flamande : un front office répond grâce à un système de connaissances partagé, un middle office traite les questions plus complexes, les services experts (back office) restent responsables du contenu.',
      nl: 'Eén nummer voor vragen aan de Vlaamse overheid: een frontoffice antwoordt met een gedeeld kennissysteem, een middleoffice behandelt complexere vragen, de vakdiensten (backoffice) blijven verantwoordelijk voor de inhoud.',
      en: 'One number for questions to the Flemish government: a front office answers using a shared knowledge system, a middle office handles more complex questions, expert departments (back office) stay responsible for the content.',
    },
    outcome: {
      fr: 'Environ un million de questions par an, dont 85 % par téléphone ; l’intégration d’un nouveau thème prend environ six semaines.',
      nl: 'Ongeveer een miljoen vragen per jaar, waarvan 85 % telefonisch; een nieuw thema opnemen duurt ongeveer zes weken.',
      en: 'About one million questions a year, 85 % by phone; taking on a new theme takes about six weeks.',
    },
    sourceLabel: 'Vlaamse overheid, Contactcenter 1700',
    sourceUrl: 'https://www.vlaanderen.be/',
  },
  {
    key: 'wallonie-1718',
    place: 'wallonia',
    dimension: 'tools',
    title: {
      fr: '1718 de la Wallonie : une base d’information unique tenue par les experts',
      nl: '1718 van Wallonië: één informatiebank bijgehouden door de experts',
      en: 'Wallonia’s 1718: one information base kept by the experts',
    },
    description: {
      fr: 'Le numéro d’information générale de la Wallonie répond aux citoyens à partir d’une base d’information unique (« Nostra »), alimentée par des experts désignés dans chaque département.',
      nl: 'Het algemene informatienummer van Wallonië antwoordt burgers op basis van één informatiebank (“Nostra”), gevoed door aangewezen experts in elk departement.',
      en: 'Wallonia’s general information number answers citizens from one information base (“Nostra”), fed by named experts in each department.',
    },
    outcome: {
      fr: 'Environ 74 000 appels traités en 2022 par une équipe de 12 agents.',
      nl: 'Ongeveer 74.000 oproepen behandeld in 2022 door een team van 12 medewerkers.',
      en: 'About 74,000 calls handled in 2022 by a team of 12 agents.',
    },
    sourceLabel: 'Service public de Wallonie, 1718',
    sourceUrl: 'https://www.wallonie.be/',
  },
  {
    key: 'rotterdam-14010',
    place: 'netherlands',
    dimension: 'processes',
    title: {
      fr: 'Rotterdam 14 010 : des normes de service connues de tous',
      nl: 'Rotterdam 14 010: servicenormen die iedereen kent',
      en: 'Rotterdam 14 010: service norms everyone knows',
    },
    description: {
      fr: 'La ville publie ses normes : rappel le jour ouvrable suivant avant 17 h, rendez-vous au guichet dans les cinq jours ouvrables avec au plus dix minutes d’attente, réponse écrite en cinq jours ouvrables (quatre semaines si complexe), réseaux sociaux en deux heures.',
      nl: 'De stad maakt haar normen bekend: terugbellen de volgende werkdag vóór 17 uur, loketafspraak binnen vijf werkdagen met hoogstens tien minuten wachten, schriftelijk antwoord binnen vijf werkdagen (vier weken indien complex), sociale media binnen twee uur.',
      en: 'The city publishes its norms: callback the next working day before 17:00, desk appointment within five working days with at most ten minutes waiting, written answer within five working days (four weeks if complex), social media within two hours.',
    },
    outcome: {
      fr: 'Satisfaction de 86 % en 2021, pour un objectif de 90 %.',
      nl: 'Tevredenheid van 86 % in 2021, met als doel 90 %.',
      en: 'Satisfaction of 86 % in 2021, against a target of 90 %.',
    },
    sourceLabel: 'Gemeente Rotterdam, servicenormen 14 010',
    sourceUrl: 'https://www.rotterdam.nl/',
  },
  {
    key: 'tilburg-14013',
    place: 'netherlands',
    dimension: 'governance',
    title: {
      fr: 'Tilburg 14 013 : des objectifs chiffrés pour le centre de contact',
      nl: 'Tilburg 14 013: becijferde doelstellingen voor het contactcenter',
      en: 'Tilburg 14 013: quantified targets for the contact center',
    },
    description: {
      fr: 'La commune fixe à son centre de contact deux objectifs suivis : 80 % des appels réglés par le centre de contact lui-même, 70 % des appels décrochés en 30 secondes.',
      nl: 'De gemeente geeft haar contactcenter twee opgevolgde doelstellingen: 80 % van de oproepen afgehandeld door het contactcenter zelf, 70 % beantwoord binnen 30 seconden.',
      en: 'The municipality gives its contact center two followed targets: 80 % of calls settled by the contact center itself, 70 % answered within 30 seconds.',
    },
    outcome: {
      fr: '95,6 % des appels réglés par le centre de contact (objectif 80 %).',
      nl: '95,6 % van de oproepen afgehandeld door het contactcenter (doel 80 %).',
      en: '95.6 % of calls settled by the contact center (target 80 %).',
    },
    sourceLabel: 'Gemeente Tilburg, dienstverlening 14 013',
    sourceUrl: 'https://www.tilburg.nl/',
  },
  {
    key: 'antwoord-model',
    place: 'netherlands',
    dimension: 'processes',
    title: {
      fr: 'Le modèle « Antwoord » : 80 % de réponses au premier contact',
      nl: 'Het Antwoord©-model: 80 % antwoorden bij het eerste contact',
      en: 'The “Antwoord” model: 80 % answered at first contact',
    },
    description: {
      fr: 'Modèle néerlandais de front office unique des communes : toutes les questions arrivent au centre de contact, qui répond directement à la grande majorité grâce à une base de connaissances et transmet le reste avec son contexte.',
      nl: 'Nederlands model voor één frontoffice van de gemeente: alle vragen komen bij het klantcontactcentrum, dat de grote meerderheid meteen beantwoordt met een kennisbank en de rest met context doorgeeft.',
      en: 'Dutch model of one municipal front office: all questions reach the contact center, which answers the great majority straight away using a knowledge base and passes on the rest with its context.',
    },
    outcome: {
      fr: 'Norme nationale : 80 % des questions réglées au premier contact.',
      nl: 'Landelijke norm: 80 % van de vragen opgelost bij het eerste contact.',
      en: 'National norm: 80 % of questions settled at first contact.',
    },
    sourceLabel: 'VNG / Antwoord© voor gemeenten',
    sourceUrl: 'https://vng.nl/',
  },
  {
    key: 'kiss-klantinteracties',
    place: 'netherlands',
    dimension: 'tools',
    title: {
      fr: 'KISS et l’API Klantinteracties : une console partagée par les communes',
      nl: 'KISS en de Klantinteracties-API: een console die gemeenten delen',
      en: 'KISS and the Klantinteracties API: a console shared by municipalities',
    },
    description: {
      fr: 'Des communes néerlandaises développent ensemble, en logiciel libre, la console de l’agent : recherche dans la base de connaissances, historique des contacts, demandes de rappel adressées à un service avec une explication interne, sur un modèle de données standard (VNG Klantinteracties).',
      nl: 'Nederlandse gemeenten ontwikkelen samen, als open source, de console van de medewerker: zoeken in de kennisbank, contacthistoriek, terugbelverzoeken naar een afdeling met interne toelichting, op een standaard gegevensmodel (VNG Klantinteracties).',
      en: 'Dutch municipalities build the agent console together as open source: knowledge search, contact history, callback requests routed to a department with an internal explanation, on a standard data model (VNG Klantinteracties).',
    },
    outcome: {
      fr: 'Un modèle de contact commun et réutilisable ; les utilisateurs demandent encore des textes plus longs, plus de filtres et des notifications.',
      nl: 'Een gemeenschappelijk, herbruikbaar contactmodel; gebruikers vragen nog langere tekstvelden, meer filters en meldingen.',
      en: 'A shared, reusable contact model; users still ask for longer text fields, more filters and notifications.',
    },
    sourceLabel: 'Klantinteractie-Servicesysteem (GitHub), maykinmedia/open-klant',
    sourceUrl: 'https://github.com/Klantinteractie-Servicesysteem',
  },
  {
    key: 'irisbox',
    place: 'brussels',
    dimension: 'tools',
    title: {
      fr: 'Irisbox : le guichet électronique des Bruxellois',
      nl: 'Irisbox: het elektronisch loket van de Brusselaars',
      en: 'Irisbox: the Brussels e-counter',
    },
    description: {
      fr: 'Guichet en ligne commun aux communes bruxelloises pour demander des documents (composition de ménage, certificat de résidence, acte de naissance…) sans se déplacer.',
      nl: 'Gemeenschappelijk online loket van de Brusselse gemeenten om documenten aan te vragen (gezinssamenstelling, verblijfsattest, geboorteakte…) zonder zich te verplaatsen.',
      en: 'Online counter shared by the Brussels communes to request documents (household composition, residence certificate, birth certificate…) without travelling.',
    },
    outcome: {
      fr: 'Environ 492 000 utilisateurs et 719 000 démarches en 2022.',
      nl: 'Ongeveer 492.000 gebruikers en 719.000 aanvragen in 2022.',
      en: 'About 492,000 users and 719,000 procedures in 2022.',
    },
    sourceLabel: 'Paradigm (ex-CIRB), Irisbox',
    sourceUrl: 'https://irisbox.irisnet.be/',
  },
  {
    key: 'caf',
    place: 'europe',
    dimension: 'governance',
    title: {
      fr: 'CAF : l’auto-évaluation commune des administrations européennes',
      nl: 'CAF: het gemeenschappelijk zelfevaluatiekader van Europese overheden',
      en: 'CAF: the Common Assessment Framework of European administrations',
    },
    description: {
      fr: 'Le cadre d’auto-évaluation de l’EIPA : neuf critères et 28 sous-critères (leadership, stratégie, personnel, partenariats, processus, résultats citoyens…), chacun noté de 0 à 100 sur un panel Plan-Do-Check-Act ; un plan d’amélioration suit chaque évaluation.',
      nl: 'Het zelfevaluatiekader van EIPA: negen criteria en 28 subcriteria (leiderschap, strategie, medewerkers, partnerschappen, processen, burgerresultaten…), elk gescoord van 0 tot 100 op een Plan-Do-Check-Act-panel; elke evaluatie leidt tot een verbeterplan.',
      en: 'EIPA’s self-assessment framework: nine criteria and 28 sub-criteria (leadership, strategy, people, partnerships, processes, citizen results…), each scored 0 to 100 on a Plan-Do-Check-Act panel; an improvement plan follows each assessment.',
    },
    outcome: {
      fr: 'Utilisé par des milliers d’organisations publiques en Europe, dont de nombreuses administrations belges, avec une évaluation répétée environ tous les deux ans.',
      nl: 'Gebruikt door duizenden overheidsorganisaties in Europa, waaronder veel Belgische besturen, met een herhaalde evaluatie ongeveer om de twee jaar.',
      en: 'Used by thousands of public organisations in Europe, many Belgian administrations among them, with an assessment repeated about every two years.',
    },
    sourceLabel: 'EIPA, CAF Resource Centre',
    sourceUrl: 'https://www.eipa.eu/',
  },
  {
    key: 'single-digital-gateway',
    place: 'europe',
    dimension: 'user_knowledge',
    title: {
      fr: 'Portail numérique unique : un outil de retour d’expérience commun',
      nl: 'Gemeenschappelijke digitale toegangspoort: een gemeenschappelijk feedbackinstrument',
      en: 'Single Digital Gateway: a shared user feedback tool',
    },
    description: {
      fr: 'Le règlement (UE) 2018/1724 impose un outil de retour d’expérience des usagers sur les procédures, avec des questions et une note comparables, et des statistiques par service d’assistance (nombre de demandes, sujets, délai de réponse).',
      nl: 'Verordening (EU) 2018/1724 legt een instrument op voor gebruikersfeedback over procedures, met vergelijkbare vragen en score, en statistieken per bijstandsdienst (aantal vragen, onderwerpen, antwoordtermijn).',
      en: 'Regulation (EU) 2018/1724 requires a user feedback tool on procedures, with comparable questions and rating, and statistics per assistance service (number of requests, subjects, response time).',
    },
    outcome: {
      fr: 'Des résultats comparables entre États membres ; les commentaires libres restent chez l’administration et ne sont jamais transmis.',
      nl: 'Vergelijkbare resultaten tussen lidstaten; vrije opmerkingen blijven bij het bestuur en worden nooit doorgegeven.',
      en: 'Results comparable between Member States; free comments stay with the administration and are never passed on.',
    },
    sourceLabel: 'Regulation (EU) 2018/1724 and Implementing Regulation (EU) 2020/1121',
    sourceUrl: 'https://eur-lex.europa.eu/eli/reg/2018/1724/oj',
  },
];

export interface SeedRule {
  key: string;
  criterionKey: string;
  threshold: number;
  horizon: 'short' | 'long';
  scope: 'individual' | 'collective';
  indicator: string;
  practiceKey: string | null;
  measure: T3;
}

/** A criterion scored below its threshold (on the 0–100 panel) calls for the measure. */
export const RECOMMENDATION_RULES: SeedRule[] = [
  {
    key: 'r.charter',
    criterionKey: 'culture.charter',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'maturity.culture',
    practiceKey: 'services-publics-plus',
    measure: {
      fr: 'Rédiger une charte d’accueil avec les agents et des usagers, l’afficher à chaque guichet et en ligne, et la présenter à chaque agent',
      nl: 'Een onthaalcharter opstellen met medewerkers en gebruikers, het aan elk loket en online tonen en het aan elke medewerker voorstellen',
      en: 'Write a reception charter with agents and users, display it at every desk and online, and present it to every agent',
    },
  },
  {
    key: 'r.training',
    criterionKey: 'culture.training',
    threshold: 50,
    horizon: 'short',
    scope: 'collective',
    indicator: 'maturity.culture',
    practiceKey: 'france-services',
    measure: {
      fr: 'Suivre le parcours régional de formation à l’accueil (accueil, langage clair, gestion des tensions, langues)',
      nl: 'Het gewestelijk opleidingstraject onthaal volgen (onthaal, klare taal, omgaan met spanningen, talen)',
      en: 'Join the regional reception training path (welcome, plain language, handling tension, languages)',
    },
  },
  {
    key: 'r.safety',
    criterionKey: 'culture.safety',
    threshold: 50,
    horizon: 'short',
    scope: 'collective',
    indicator: 'maturity.culture',
    practiceKey: null,
    measure: {
      fr: 'Adopter la fiche régionale de signalement des incidents et une procédure de suivi et de soutien des agents',
      nl: 'Het gewestelijk incidentformulier en een procedure voor opvolging en ondersteuning van medewerkers invoeren',
      en: 'Adopt the regional incident report form and a procedure to follow up incidents and support agents',
    },
  },
  {
    key: 'r.plain-language',
    criterionKey: 'culture.plain_language',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'satisfaction.overall',
    practiceKey: 'je-donne-mon-avis',
    measure: {
      fr: 'Réécrire en langage clair les dix courriers et pages les plus utilisés, en les testant avec des usagers',
      nl: 'De tien meest gebruikte brieven en pagina’s in klare taal herschrijven en met gebruikers testen',
      en: 'Rewrite the ten most used letters and pages in plain language, testing them with users',
    },
  },
  {
    key: 'r.needs',
    criterionKey: 'user_knowledge.needs',
    threshold: 50,
    horizon: 'long',
    scope: 'individual',
    indicator: 'maturity.user_knowledge',
    practiceKey: null,
    measure: {
      fr: 'Mener une étude des besoins des usagers (parcours, motifs de contact, publics éloignés) et la refaire tous les deux ans',
      nl: 'Een studie van de gebruikersnoden uitvoeren (klantreizen, contactredenen, kwetsbare groepen) en ze om de twee jaar herhalen',
      en: 'Run a study of user needs (journeys, reasons for contact, hard-to-reach groups) and repeat it every two years',
    },
  },
  {
    key: 'r.satisfaction',
    criterionKey: 'user_knowledge.satisfaction',
    threshold: 50,
    horizon: 'short',
    scope: 'collective',
    indicator: 'satisfaction.overall',
    practiceKey: 'je-donne-mon-avis',
    measure: {
      fr: 'Proposer le questionnaire régional standard de satisfaction après chaque contact',
      nl: 'De gewestelijke standaardvragenlijst over tevredenheid na elk contact aanbieden',
      en: 'Offer the regional standard satisfaction questionnaire after every contact',
    },
  },
  {
    key: 'r.complaints',
    criterionKey: 'user_knowledge.complaints',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'response.written_on_time',
    practiceKey: null,
    measure: {
      fr: 'Centraliser les plaintes et suggestions, y répondre dans un délai annoncé et les analyser chaque trimestre',
      nl: 'Klachten en suggesties centraliseren, binnen een aangekondigde termijn beantwoorden en elk kwartaal analyseren',
      en: 'Centralise complaints and suggestions, answer them within an announced deadline and analyse them each quarter',
    },
  },
  {
    key: 'r.contact-data',
    criterionKey: 'user_knowledge.contact_data',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'maturity.user_knowledge',
    practiceKey: null,
    measure: {
      fr: 'Compter chaque mois les contacts par canal et par motif et partager le tableau avec les équipes',
      nl: 'Elke maand de contacten per kanaal en onderwerp tellen en het overzicht met de teams delen',
      en: 'Count contacts by channel and subject every month and share the figures with the teams',
    },
  },
  {
    key: 'r.second-line',
    criterionKey: 'processes.second_line',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'resolution.first_contact',
    practiceKey: 'vlaanderen-1700',
    measure: {
      fr: 'Définir pour chaque demande complexe fréquente le service compétent, les informations à transmettre et un délai de réponse',
      nl: 'Voor elke frequente complexe vraag de bevoegde dienst, de door te geven informatie en een antwoordtermijn vastleggen',
      en: 'Define for each frequent complex request the competent department, the information to pass on and a response deadline',
    },
  },
  {
    key: 'r.service-norms',
    criterionKey: 'processes.service_norms',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'waiting.counter',
    practiceKey: 'rotterdam-14010',
    measure: {
      fr: 'Fixer et publier des normes de service (rappel, réponse écrite, attente au guichet) et les mesurer',
      nl: 'Servicenormen vastleggen en bekendmaken (terugbellen, schriftelijk antwoord, wachttijd aan het loket) en ze meten',
      en: 'Set and publish service norms (callback, written answer, waiting at the desk) and measure them',
    },
  },
  {
    key: 'r.appointments',
    criterionKey: 'processes.appointments',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'waiting.counter',
    practiceKey: 'rdv-service-public',
    measure: {
      fr: 'Proposer des rendez-vous pour les démarches longues, avec rappel 48 heures avant',
      nl: 'Afspraken aanbieden voor lange procedures, met herinnering 48 uur vooraf',
      en: 'Offer appointments for long procedures, with a reminder 48 hours before',
    },
  },
  {
    key: 'r.first-contact',
    criterionKey: 'processes.first_contact',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'resolution.first_contact',
    practiceKey: 'antwoord-model',
    measure: {
      fr: 'Viser 80 % de questions réglées au premier contact : scripts, autonomie de la première ligne, contexte transmis avec la demande',
      nl: 'Mikken op 80 % vragen opgelost bij het eerste contact: scripts, beslissingsruimte voor de eerste lijn, context mee met de vraag',
      en: 'Aim at 80 % of questions settled at first contact: scripts, latitude for the first line, context passed on with the request',
    },
  },
  {
    key: 'r.knowledge-base',
    criterionKey: 'tools.knowledge_base',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'resolution.first_contact',
    practiceKey: 'wallonie-1718',
    measure: {
      fr: 'Alimenter la base de connaissances régionale partagée, avec un expert désigné par service et une date de révision par fiche',
      nl: 'De gedeelde gewestelijke kennisbank voeden, met een aangewezen expert per dienst en een herzieningsdatum per fiche',
      en: 'Feed the shared regional knowledge base, with a named expert per department and a review date per article',
    },
  },
  {
    key: 'r.contact-register',
    criterionKey: 'tools.contact_register',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'resolution.first_contact',
    practiceKey: 'kiss-klantinteracties',
    measure: {
      fr: 'Enregistrer contacts et demandes de rappel dans l’outil régional partagé entre première et deuxième ligne',
      nl: 'Contacten en terugbelverzoeken registreren in het gewestelijk hulpmiddel dat eerste en tweede lijn delen',
      en: 'Record contacts and callback requests in the regional tool shared by first and second line',
    },
  },
  {
    key: 'r.channels',
    criterionKey: 'tools.channels',
    threshold: 50,
    horizon: 'long',
    scope: 'individual',
    indicator: 'reachability',
    practiceKey: 'tilburg-14013',
    measure: {
      fr: 'Rendre chaque démarche joignable par téléphone, courriel, formulaire et guichet, avec des horaires publiés et un suivi du taux de décroché',
      nl: 'Elke procedure bereikbaar maken via telefoon, e-mail, formulier en loket, met bekendgemaakte uren en opvolging van de bereikbaarheid',
      en: 'Make every procedure reachable by phone, e-mail, form and desk, with published hours and the answer rate followed',
    },
  },
  {
    key: 'r.online',
    criterionKey: 'tools.online',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'satisfaction.overall',
    practiceKey: 'irisbox',
    measure: {
      fr: 'Mettre en ligne les démarches les plus demandées sur le guichet électronique régional, accessibles et testées',
      nl: 'De meest gevraagde procedures online zetten op het gewestelijk elektronisch loket, toegankelijk en getest',
      en: 'Put the most requested procedures on the regional e-counter, accessible and tested',
    },
  },
  {
    key: 'r.review',
    criterionKey: 'governance.review',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'satisfaction.overall',
    practiceKey: 'tilburg-14013',
    measure: {
      fr: 'Inscrire les indicateurs d’accueil et de satisfaction à l’ordre du jour du comité de direction chaque trimestre',
      nl: 'De onthaal- en tevredenheidsindicatoren elk kwartaal op de agenda van het directiecomité zetten',
      en: 'Put reception and satisfaction indicators on the management committee agenda every quarter',
    },
  },
  {
    key: 'r.objectives',
    criterionKey: 'governance.objectives',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'maturity.governance',
    practiceKey: 'caf',
    measure: {
      fr: 'Inscrire des objectifs d’accueil chiffrés, avec échéance et responsable, dans le plan stratégique',
      nl: 'Becijferde onthaaldoelstellingen met termijn en verantwoordelijke opnemen in het strategisch plan',
      en: 'Write quantified reception objectives, with a date and a person responsible, into the strategic plan',
    },
  },
  {
    key: 'r.publication',
    criterionKey: 'governance.publication',
    threshold: 50,
    horizon: 'short',
    scope: 'individual',
    indicator: 'satisfaction.overall',
    practiceKey: 'services-publics-plus',
    measure: {
      fr: 'Publier au moins une fois par an les engagements de service et leurs résultats, sur place et en ligne',
      nl: 'Minstens jaarlijks de service-engagementen en hun resultaten bekendmaken, ter plaatse en online',
      en: 'Publish service commitments and their results at least yearly, on site and online',
    },
  },
  {
    key: 'r.cooperation',
    criterionKey: 'governance.cooperation',
    threshold: 50,
    horizon: 'long',
    scope: 'collective',
    indicator: 'maturity.governance',
    practiceKey: null,
    measure: {
      fr: 'Rejoindre le réseau régional de l’accueil : accords d’orientation, première ligne partagée, échange de pratiques',
      nl: 'Aansluiten bij het gewestelijk onthaalnetwerk: doorverwijsafspraken, gedeelde eerste lijn, uitwisseling van praktijken',
      en: 'Join the regional reception network: referral agreements, a shared first line, exchange of practices',
    },
  },
];

export async function seedCompetenceReference(db: Queryable): Promise<{ competenceCriteria: number; competencePractices: number; competenceRules: number }> {
  const criteria = await db.query(
    `INSERT INTO competence_template_criteria (key, dimension, position, title, guidance)
     SELECT c.key, c.dimension, c.position, c.title, c.guidance
       FROM jsonb_to_recordset($1::jsonb) AS c(key text, dimension text, position int, title jsonb, guidance jsonb)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(DEFAULT_QUESTIONNAIRE.map((c, index) => ({ ...c, position: index + 1 })))],
  );
  const practices = await db.query(
    `INSERT INTO competence_practices (key, title, place, dimension, description, outcome, source_label, source_url)
     SELECT p.key, p.title, p.place, p.dimension, p.description, p.outcome, p."sourceLabel", p."sourceUrl"
       FROM jsonb_to_recordset($1::jsonb)
         AS p(key text, title jsonb, place text, dimension text, description jsonb, outcome jsonb, "sourceLabel" text, "sourceUrl" text)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(GOOD_PRACTICES)],
  );
  const rules = await db.query(
    `INSERT INTO competence_rules (key, criterion_key, threshold, measure, horizon, scope, indicator, practice_key)
     SELECT r.key, r."criterionKey", r.threshold, r.measure, r.horizon, r.scope, r.indicator, r."practiceKey"
       FROM jsonb_to_recordset($1::jsonb)
         AS r(key text, "criterionKey" text, threshold int, measure jsonb, horizon text, scope text, indicator text, "practiceKey" text)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(RECOMMENDATION_RULES)],
  );
  return { competenceCriteria: criteria.rowCount, competencePractices: practices.rowCount, competenceRules: rules.rowCount };
}

// ---- Demo data

/** Organisations with a demo maturity profile: a base level and a lean per dimension. */
const DEMO_PROFILES: Record<string, { base: number; lean: Partial<Record<Dimension, number>> }> = {
  'commune-schaerbeek': { base: 45, lean: { tools: 15, user_knowledge: -15 } },
  'commune-ixelles': { base: 55, lean: { culture: 10, governance: -10 } },
  'commune-anderlecht': { base: 35, lean: { processes: 10, tools: -10 } },
  'commune-uccle': { base: 60, lean: { user_knowledge: 10 } },
  'cpas-schaerbeek': { base: 40, lean: { culture: 15, tools: -20 } },
  'cpas-ixelles': { base: 50, lean: { processes: -10 } },
  actiris: { base: 65, lean: { tools: 10, user_knowledge: 5 } },
  'bruxelles-fiscalite': { base: 55, lean: { governance: 10, culture: -10 } },
};

/** A deterministic spread so the demo looks like real answers (multiples of 5, within 0–100). */
function demoScore(organisation: string, criterion: string, base: number, lean: number, improvement: number): number {
  let hash = 0;
  for (const char of `${organisation}:${criterion}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const spread = (hash % 5) * 5 - 10; // -10 … +10
  const raw = base + lean + spread + improvement;
  return Math.max(0, Math.min(100, Math.round(raw / 5) * 5));
}

const DEMO_EVIDENCE = {
  fr: 'Voir la note interne et les documents joints.',
  link: 'https://intranet.example.brussels/accueil',
};

async function createDemoCampaign(
  tx: Queryable,
  campaign: { code: string; title: T3; status: 'open' | 'closed'; openedAt: string; closedAt: string | null; closesOn: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO competence_campaigns (code, title, status, opened_at, closed_at, closes_on)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [campaign.code, JSON.stringify(campaign.title), campaign.status, campaign.openedAt, campaign.closedAt, campaign.closesOn],
  );
  const id = rows[0]!.id;
  await tx.query(
    `INSERT INTO competence_criteria (campaign_id, key, dimension, position, title, guidance)
     SELECT $1, key, dimension, position, title, guidance FROM competence_template_criteria`,
    [id],
  );
  return id;
}

async function demoAssessment(
  tx: Queryable,
  campaignId: string,
  organisationCode: string,
  options: { submitted: boolean; improvement: number; submittedAt: string; onlyFirst?: number },
): Promise<string | undefined> {
  const profile = DEMO_PROFILES[organisationCode]!;
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO competence_assessments (campaign_id, organisation_id, status, submitted_at, updated_at)
     SELECT $1, id, $3, CASE WHEN $3 = 'submitted' THEN $4::timestamptz END, $4::timestamptz
       FROM organisations WHERE code = $2 RETURNING id`,
    [campaignId, organisationCode, options.submitted ? 'submitted' : 'draft', options.submittedAt],
  );
  const assessmentId = rows[0]?.id;
  if (!assessmentId) return undefined;
  const { rows: criteria } = await tx.query<{ id: string; key: string; dimension: Dimension }>(
    'SELECT id, key, dimension FROM competence_criteria WHERE campaign_id = $1 ORDER BY position',
    [campaignId],
  );
  const answers = criteria.slice(0, options.onlyFirst ?? criteria.length).map((criterion) => {
    const score = demoScore(organisationCode, criterion.key, profile.base, profile.lean[criterion.dimension] ?? 0, options.improvement);
    return {
      criterion_id: criterion.id,
      score,
      evidence: score > 10 ? DEMO_EVIDENCE.fr : '',
      evidence_links: score > 30 ? [DEMO_EVIDENCE.link] : [],
    };
  });
  await tx.query(
    `INSERT INTO competence_answers (assessment_id, criterion_id, score, evidence, evidence_links)
     SELECT $1, a.criterion_id, a.score, a.evidence, a.evidence_links
       FROM jsonb_to_recordset($2::jsonb) AS a(criterion_id uuid, score int, evidence text, evidence_links text[])`,
    [assessmentId, JSON.stringify(answers)],
  );
  if (options.submitted) {
    // the history shown on the assessment page (migration 0016)
    await tx.query(
      `INSERT INTO competence_assessment_events (assessment_id, event, actor_side, version, created_at)
       VALUES ($1, 'submitted', 'organisation', 1, $2::timestamptz)`,
      [assessmentId, options.submittedAt],
    );
  }
  return assessmentId;
}

/** Demo campaigns (2025 closed, 2026 open), assessments, action plans, a request and a strategy. Idempotent. */
export async function seedCompetenceDemo(db: Database): Promise<{ competenceCampaignsCreated: number }> {
  const { rows: existing } = await db.query(`SELECT 1 FROM competence_campaigns WHERE code IN ('demo-2025', 'demo-2026')`);
  if (existing.length > 0) return { competenceCampaignsCreated: 0 };
  await db.transaction(async (tx) => {
    const previous = await createDemoCampaign(tx, {
      code: 'demo-2025',
      title: { fr: 'Auto-évaluation de l’accueil 2025', nl: 'Zelfevaluatie van het onthaal 2025', en: 'Reception self-assessment 2025' },
      status: 'closed',
      openedAt: '2025-03-03T09:00:00+01:00',
      closedAt: '2025-06-30T17:00:00+02:00',
      closesOn: '2025-06-30',
    });
    const current = await createDemoCampaign(tx, {
      code: 'demo-2026',
      title: { fr: 'Auto-évaluation de l’accueil 2026', nl: 'Zelfevaluatie van het onthaal 2026', en: 'Reception self-assessment 2026' },
      status: 'open',
      openedAt: '2026-09-01T09:00:00+02:00',
      closedAt: null,
      closesOn: '2026-12-31',
    });
    for (const code of ['commune-schaerbeek', 'commune-ixelles', 'commune-anderlecht', 'cpas-schaerbeek', 'cpas-ixelles', 'actiris', 'bruxelles-fiscalite']) {
      const id = await demoAssessment(tx, previous, code, { submitted: true, improvement: 0, submittedAt: '2025-06-15T12:00:00+02:00' });
      if (id) await generateActionPlan(tx, id);
    }
    for (const code of ['commune-ixelles', 'commune-anderlecht', 'commune-uccle', 'cpas-schaerbeek', 'actiris', 'bruxelles-fiscalite']) {
      const id = await demoAssessment(tx, current, code, { submitted: true, improvement: 10, submittedAt: '2026-10-20T12:00:00+02:00' });
      if (id) await generateActionPlan(tx, id);
    }
    // Schaerbeek has started its 2026 questionnaire: a draft with half of the answers.
    await demoAssessment(tx, current, 'commune-schaerbeek', { submitted: false, improvement: 5, submittedAt: '2026-10-01T12:00:00+02:00', onlyFirst: 10 });
    // A field observation of the competence center.
    await tx.query(
      `INSERT INTO competence_observations (campaign_id, organisation_id, criterion_id, method, observed_on, score, note)
       SELECT $1, o.id, c.id, 'observation_day', DATE '2026-10-08', 40,
              'Journée d’observation au guichet population : file d’attente sans affichage du temps d’attente ; charte non affichée.'
         FROM organisations o, competence_criteria c
        WHERE o.code = 'commune-anderlecht' AND c.campaign_id = $1 AND c.key = 'processes.appointments'`,
      [current],
    );
    await tx.query(
      `INSERT INTO competence_expertise_requests (organisation_id, subject, details, dimension, status)
       SELECT id, 'Mettre en place un questionnaire de satisfaction après contact',
              'Nous souhaitons être accompagnés pour choisir les questions et organiser la collecte au guichet et au téléphone.',
              'user_knowledge', 'open'
         FROM organisations WHERE code = 'commune-schaerbeek'`,
    );
    const { rows } = await tx.query<{ id: string }>(`INSERT INTO competence_strategy_versions (number, note) VALUES (1, $1) RETURNING id`, [
      'Stratégie régionale de l’accueil 2026–2028, adoptée par le comité de pilotage.',
    ]);
    const objectives = [
      {
        title: {
          fr: 'Maturité moyenne de l’accueil d’au moins 60 sur 100',
          nl: 'Gemiddelde onthaalmaturiteit van minstens 60 op 100',
          en: 'Average reception maturity of at least 60 out of 100',
        },
        indicator: 'maturity.overall',
        baseline: null,
        target: 60,
        on: '2028-06-30',
      },
      {
        title: {
          fr: 'Connaissance de l’usager : au moins 55 sur 100',
          nl: 'Kennis van de gebruiker: minstens 55 op 100',
          en: 'Knowledge of the user: at least 55 out of 100',
        },
        indicator: 'maturity.user_knowledge',
        baseline: null,
        target: 55,
        on: '2027-12-31',
      },
      {
        title: {
          fr: 'Satisfaction des usagers d’au moins 8 sur 10',
          nl: 'Gebruikerstevredenheid van minstens 8 op 10',
          en: 'User satisfaction of at least 8 out of 10',
        },
        indicator: 'satisfaction.overall',
        baseline: null,
        target: 8,
        on: '2028-06-30',
      },
      {
        title: {
          fr: '80 % des usagers parviennent à joindre l’administration',
          nl: '80 % van de gebruikers bereikt het bestuur',
          en: '80 % of users manage to reach the administration',
        },
        indicator: 'reachability',
        baseline: null,
        target: 80,
        on: '2027-12-31',
      },
    ];
    await tx.query(
      `INSERT INTO competence_objectives (strategy_version_id, position, title, indicator, baseline, target_value, target_on)
       SELECT $1, o.position, o.title, o.indicator, o.baseline, o.target, o.on::date
         FROM jsonb_to_recordset($2::jsonb) AS o(position int, title jsonb, indicator text, baseline numeric, target numeric, "on" text)`,
      [rows[0]!.id, JSON.stringify(objectives.map((o, index) => ({ ...o, position: index + 1 })))],
    );
  });
  return { competenceCampaignsCreated: 2 };
}

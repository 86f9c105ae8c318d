-- The everyday vocabulary of the 150 demo services was rewritten from life situations in FR, NL and EN (issue 16
-- item 2, decision 0057; src/seed/data/searchTerms.json). The seed fills search terms only where they are empty, so
-- on a database seeded earlier this empties them on the demo services no editor has ever saved (no version row):
-- the seed that runs at the next start fills them with the new vocabulary. Services editors have saved keep theirs.
UPDATE services s
   SET search_terms = '{}'::jsonb
 WHERE s.code IN (
  'change-of-address', 'eid-card', 'kids-id', 'passport', 'driving-licence', 'birth-declaration',
  'recognition-of-a-child', 'death-declaration', 'civil-status-record', 'household-composition-certificate',
  'residence-certificate', 'legal-cohabitation', 'civil-marriage', 'belgian-nationality',
  'legalisation-of-signature', 'certified-copy', 'criminal-record-extract', 'departure-abroad', 'funeral-wishes',
  'euthanasia-advance-directive', 'organ-donation', 'urgent-medical-aid', 'help-with-medical-costs',
  'health-insurance-registration', 'increased-reimbursement-bim', 'sickness-benefit', 'child-health-clinic-one',
  'child-health-clinic-kind-en-gezin', 'urban-planning-permit', 'listed-building-works', 'start-of-works-notice',
  'urban-planning-information', 'building-line-alignment', 'public-road-occupation-works',
  'social-housing-application', 'rent-allowance', 'substandard-housing-complaint', 'housing-fund-mortgage',
  'housing-fund-rental-deposit-loan', 'citydev-subsidised-home', 'renovation-advice', 'lease-registration',
  'tenant-landlord-dispute', 'renolution-grants', 'epb-certificate', 'soil-certificate',
  'environmental-permit-class-1', 'environmental-permit-class-2-3', 'tree-felling',
  'environmental-nuisance-complaint', 'energy-social-tariff', 'protected-customer-status', 'energy-dispute',
  'energy-connection-meter', 'water-connection-and-bills', 'resident-parking-card', 'visitor-parking-card',
  'disabled-parking-card', 'reserved-disabled-parking-space', 'parking-charge', 'moving-parking-reservation',
  'lez-foreign-vehicle-registration', 'lez-exemption-day-pass', 'taxi-licence', 'stib-season-ticket',
  'stib-reduced-fares', 'vehicle-registration', 'job-seeker-registration', 'activa-hiring-aid', 'single-permit',
  'vocational-training-bruxelles-formation', 'vocational-training-vdab', 'unemployment-benefits',
  'career-break-time-credit', 'cpas-employment-article-60', 'regional-public-service-jobs', 'business-start-support',
  'enterprise-registration', 'economic-aid-businesses', 'research-innovation-funding', 'terrace-authorisation',
  'market-pitch', 'night-shops-opening-hours', 'shop-sign', 'food-business-registration', 'asbl-creation',
  'social-integration-income', 'social-assistance', 'energy-and-water-bill-help', 'heating-allowance',
  'debt-mediation', 'settling-in-grant', 'rental-deposit-cpas', 'reference-address', 'family-allowances',
  'birth-grant', 'maternity-benefit', 'service-vouchers', 'childcare-place', 'municipal-school-enrolment',
  'secondary-school-enrolment-fr', 'dutch-language-school-enrolment', 'holiday-activities-children',
  'study-grant-fwb', 'foreign-diploma-recognition', 'dutch-courses-adults', 'event-in-public-space',
  'municipal-grants-associations', 'cocof-grants', 'vgc-grants', 'library-membership', 'lost-property',
  'police-complaint', 'home-watch', 'neighbour-noise', 'fire-safety-certificate', 'eu-citizen-registration',
  'non-eu-national-registration', 'residence-card-renewal', 'short-stay-arrival-declaration', 'family-reunification',
  'international-protection', 'professional-card', 'integration-programme-newcomers', 'apostille-legalisation',
  'foreign-driving-licence-exchange', 'voter-registration-non-belgians', 'elderly-assistance-allowance-apa',
  'disability-allowances', 'taxibus', 'phare-disability-support', 'vaph-disability-support', 'retirement-pension',
  'income-guarantee-elderly', 'home-help', 'meals-on-wheels', 'property-tax',
  'first-home-registration-duty-reduction', 'municipal-taxes', 'income-tax-return', 'inheritance-declaration',
  'certificate-of-inheritance', 'tourist-accommodation-tax', 'bulky-waste-collection', 'recypark',
  'illegal-dumping-report', 'garden-waste', 'household-waste-sorting', 'small-hazardous-waste',
  'business-waste-collection'
 )
   AND NOT EXISTS (SELECT 1 FROM service_versions v WHERE v.service_id = s.id);

/**
 * The source references of triage.md §6: each short code and the exact string a result emits for it.
 */
export const sourceEmitAs = {
  'SEED-000': '000_2f3779810b56e61f.txt',
  'SEED-001': '001_bd30bd02c355b2a0.txt',
  'SEED-003': '003_e4685ed4c058ddb9.txt',
  'NICE-NG59': 'https://www.nice.org.uk/guidance/ng59/chapter/Recommendations',
  'NICE-CG75': 'https://www.nice.org.uk/guidance/cg75/chapter/Key-priorities-for-implementation',
  'NICE-NG234': 'https://www.nice.org.uk/guidance/ng234/chapter/Recommendations',
  'CKS-SCIATICA':
    'http://www.cks.nhs.uk/sciatica_lumbar_radiculopathy/management/scenario_diagnosis/assessing_for_serious_risks_red_flags/interpreting_red_flags',
  'GCARE-REDFLAGS': 'https://g-care.glos.nhs.uk/pathway/71/resource/3',
  'NHS-BACK': 'https://www.nhs.uk/conditions/back-pain/',
  'NHS-SCIATICA': 'https://www.nhs.uk/conditions/sciatica/',
  'CES-CARD': 'https://www.backes.org.uk/cauda-equina-warning-signs/',
  'CES-ROYALFREE':
    'https://royalfree.nhs.uk/patients-and-visitors/patient-information-leaflets/cauda-equina-syndrome',
  'GIRFT-CES':
    'https://gettingitrightfirsttime.co.uk/pathway-supports-clinicians-to-diagnose-and-treat-cauda-equina-syndrome-without-delay/',
  'RD-SERIOUS':
    'https://rightdecisions.scot.nhs.uk/msk-pathways/spine-pathways/lumbar-spine-pathways/supporting-information-on-relevant-conditions/serious-lumbar-spine-conditions',
  'RD-LOTHIAN':
    'https://rightdecisions.scot.nhs.uk/msk-pathways/spine-pathways/lumbar-spine-pathways/sub-pages-hidden/primary-care-clinician-within-nhs-lothian-lumbar-spine-red-flags',
  'NI-AAA': 'https://nidirect.gov.uk/node/10429',
  'HSE-DISSECTION': 'https://www2.hse.ie/conditions/aortic-dissection/symptoms-of-aortic-dissection',
  'NZ-HEART':
    'https://www.health.govt.nz/your-health/conditions-and-treatments/diseases-and-illnesses/heart-disease/heart-attack',
  'NT-LBP':
    'https://www.northerntrust.hscni.net/services/physiotherapy-services/physiotherapy-service-outpatient-service/low-back-pain/',
  'AHCPR-TABLE': 'http://www.ncbi.nlm.nih.gov/books/NBK52120/table/A34364/',
  'BMC-INFECTION': 'https://bmcmusculoskeletdisord.biomedcentral.com/articles/10.1186/s12891-019-2949-6',
  'RCEM-REDFLAGS':
    'https://www.rcemlearning.co.uk/modules/acute-lower-back-pain/lessons/red-flag-symptoms-2/',
  'PAEDS-GUIDE': 'https://www.mdpi.com/2227-9067/9/2/192',
} as const;

export type SourceRef = keyof typeof sourceEmitAs;

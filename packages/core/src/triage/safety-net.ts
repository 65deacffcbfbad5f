/**
 * The safety-netting of triage.md §5, shown with every self_care, soon and urgent result. The layout
 * may change; the content may not be dropped (a test compares it with the spec).
 */
export interface SafetyNetGroup {
  heading: string;
  items: readonly string[];
}

export interface SafetyNet {
  groups: readonly SafetyNetGroup[];
  /** The closing reminder: this check is not a diagnosis. */
  closing: string;
}

export const safetyNet: SafetyNet = {
  groups: [
    {
      heading:
        'Get emergency help at once (emergency services or the emergency department) if you develop any of these:',
      items: [
        'numbness, tingling or a change in feeling around your genitals, back passage, buttocks or inner thighs, or when wiping;',
        'any new trouble starting to pee, not feeling when your bladder is full, leaking urine, or losing control of your bowels;',
        'a new change in sexual function or genital feeling;',
        'pain, numbness or weakness in both legs, or legs that give way;',
        'chest pain, chest tightness or breathlessness;',
        'sudden severe tummy or back pain with a pulsing feeling in the tummy, or feeling faint;',
        'back pain after a serious fall or accident.',
      ],
    },
    {
      heading: 'See a doctor the same day if:',
      items: [
        'you get a fever, shivers or feel generally unwell;',
        'one leg becomes weak, for example a foot that drags or slaps;',
        'you start vomiting;',
        'the pain becomes constant, is not eased by rest, and keeps getting worse;',
        'you notice you are losing weight without trying.',
      ],
    },
    {
      heading: 'Book an appointment with a GP or physiotherapist if:',
      items: [
        'the pain is not clearly improving after one week, or has not gone after six weeks;',
        'pain spreads below the knee, or you get numbness or pins and needles in a leg;',
        'the pain stops you sleeping, or stops you doing your normal daily activities even with pain relief;',
        'you are worried or finding it hard to cope.',
      ],
    },
    {
      heading: 'Self-care while it settles:',
      items: [
        'Keep moving as much as the pain allows. Short walks and gentle stretches help. Rest for a day or two if you must, but do not stay in bed.',
        'Heat (a heat pad, warm shower or bath) or cold (an ice pack wrapped in a cloth, up to 20 minutes at a time) can ease spasm. Never put ice or a hot-water bottle directly on the skin, especially if any area feels numb.',
        'An anti-inflammatory painkiller such as ibuprofen may help if it is safe for you. Check the leaflet or ask a pharmacist, particularly if you have stomach, kidney or heart problems or asthma, are pregnant, or take other medicines. Paracetamol on its own is not recommended for low back pain.',
        'Return to normal activities gradually, and build up back and core strengthening once the pain settles.',
      ],
    },
  ],
  closing:
    'This check is not a diagnosis. Run it again whenever your symptoms change. If you are worried at any point, contact a health professional, whatever result you were given.',
};

/**
 * The words of clinic mode's patient side (sign-in, joining, sharing, the weekly PEG), apart from strings.ts so
 * that personal mode never downloads them: only clinic-mode chunks import this module. The few clinic words that
 * screens of both modes show are in strings-clinic-shell.ts. Our own words throughout.
 */
import { plural } from './strings-clinic-shell.ts';

export const tc = {
  loading: 'Checking who is signed in…',
  welcome: {
    title: 'Your clinic’s back-pain companion',
    intro:
      'Your physiotherapist follows your recovery here: your plan, your pain diary and the programme they set for you. Sign in, or join with the code they gave you.',
    signIn: 'Sign in',
    join: 'Join with an invite code',
    checkTitle: 'Worried about your back right now?',
    checkIntro:
      'The safety check needs no account. It tells you in a few minutes whether your pain needs a doctor, and how soon.',
    check: 'Do the safety check',
  },
  signIn: {
    title: 'Sign in',
    intro: 'Use the passkey you made on this phone or computer: no password to type.',
    passkey: 'Sign in with a passkey',
    working: 'Waiting for your passkey…',
    cancelled: 'Sign-in was cancelled. Try again when you are ready.',
    unsupported:
      'This browser cannot use passkeys. Sign in with your e-mail and password below, or use an up-to-date browser.',
    unknownPasskey:
      'That passkey is not known here. It may belong to another site, or have been removed. Try another one, or use your e-mail and password.',
    passwordTitle: 'Use e-mail and password instead',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    wrongPassword: 'That e-mail and password do not match an account.',
    locked: (minutes: number) =>
      `Too many tries. For your safety the account is locked: try again in ${minutes} ${plural(minutes, 'minute', 'minutes')}.`,
    newHere: 'New here?',
    joinLink: 'Join your clinic with an invite code',
    signedInAs: (name: string) => `You are signed in as ${name}.`,
    continue: 'Continue',
  },
  join: {
    title: 'Join your clinic',
    intro:
      'Your physiotherapist gave you an invite code of 8 letters and numbers. It links your record to them, so they can follow how you are doing.',
    code: 'Invite code',
    codeHint: 'Capital letters or small, with or without spaces: all the same.',
    name: 'Your name',
    nameHint: 'As your physiotherapist knows you. It is the only thing we ask.',
    submit: 'Join',
    working: 'Joining…',
    codeUnusable:
      'This code cannot be used: it may have been used already, have expired (codes last 14 days) or be mistyped. Ask your physiotherapist for a new one.',
    nameNeeded: 'Please write your name.',
    codeNeeded: 'Please type your invite code.',
    staff: 'You are signed in with a clinic account. Invite codes are for patients.',
    joined: (clinic: string) => `You have joined ${clinic}.`,
    joinedSomeone: 'You have joined your clinic.',
    passkeyTitle: 'Add a passkey, so signing in is one tap',
    passkeyIntro:
      'A passkey lives on this phone or computer, unlocked by your fingerprint, face or screen lock. There is no password to remember and nothing anyone can steal from us.',
    later: 'Not now',
    goOn: 'Go to the app',
  },
  enrol: {
    title: 'Set up your account',
    intro: 'This one-time link signs you in for the first time. Then add a passkey for next time.',
    submit: 'Set up my account',
    working: 'Setting up…',
    noToken: 'This address has no set-up code. Open the link you were given exactly as it was sent.',
    unusable:
      'This set-up link cannot be used: it has been used already or has expired (links last 24 hours). Ask whoever runs your clinic for a new one.',
    done: (name: string) => `Welcome, ${name}. You are signed in.`,
  },
  passkey: {
    add: 'Add a passkey',
    working: 'Waiting for your device…',
    added: 'Passkey added. Next time, sign in with it.',
    cancelled: 'No passkey was added. You can add one later in Settings.',
    unsupported: 'This browser cannot make passkeys. You can add one later from another browser.',
  },
  sharing: {
    title: 'Your clinic',
    link: 'Your clinic and what it sees',
    intro: 'Your records are yours. Here you see who you share them with, what they see, and who has looked.',
    none: 'You are not sharing your records with any clinic.',
    sharedWith: (clinic: string) => `Shared with ${clinic}`,
    clinician: (name: string) => `Your physiotherapist: ${name}`,
    since: (date: string) => `Since ${date}`,
    whatTitle: 'What they see',
    what: [
      'your episode: when the pain started, where, and the conditions you told us about',
      'your safety checks and their results',
      'your pain ratings and check-ins',
      'the sessions you did',
      'your weekly PEG check-ins',
      'the programme they set for you',
    ],
    notesLabel: 'Also share the notes I write in my diary and check-ins',
    notesHint:
      'Off unless you turn it on: notes are often what you would not put on a form. You can change it at any time.',
    notesOn: 'Your notes are now shared.',
    notesOff: 'Your notes are no longer shared.',
    leave: (clinic: string) => `Leave ${clinic}`,
    confirmTitle: (clinic: string) => `Leave ${clinic}?`,
    confirmBody:
      'From now on they will see nothing of your records, old or new. What they looked at before stays in the access log.',
    confirmLeave: 'Yes, leave',
    cancel: 'Cancel',
    leaving: 'Leaving…',
    left: (clinic: string) => `You have left ${clinic}.`,
    joinAnother: 'Join a clinic with an invite code',
    logTitle: 'Who looked at your record',
    logIntro: 'Every time someone from your clinic opens or changes your record, it is written here.',
    logEmpty: 'Nobody has looked at your record yet.',
    logWhen: 'When',
    logWho: 'Who',
    logWhat: 'What',
    actions: { read: 'looked at', change: 'changed', export: 'exported' } as Record<string, string>,
    resources: {
      record: 'your whole record',
      overview: 'your summary in their patient list',
      programme: 'your programme',
    } as Record<string, string>,
    pastTitle: 'Clinics you have left',
    ended: (clinic: string, date: string) => `${clinic}: left on ${date}`,
  },
  peg: {
    title: 'Weekly check-in',
    intro:
      'Three questions about the past week, each from 0 to 10. Your physiotherapist sees how the answers change over the weeks.',
    questions: {
      pain: 'What number best describes your pain on average in the past week?',
      enjoyment: 'How much has pain interfered with your enjoyment of life in the past week?',
      activity: 'How much has pain interfered with your general activity in the past week?',
    },
    ends: {
      pain: ['0 no pain', '10 pain as bad as you can imagine'],
      enjoyment: ['0 not at all', '10 completely'],
      activity: ['0 not at all', '10 completely'],
    },
    missing: 'Please answer all three questions.',
    save: 'Save this week’s check-in',
    saving: 'Saving…',
    saved: 'Saved. Thank you: see you next week.',
    done: (date: string) => `You answered this week’s check-in on ${date}. The next one is due on Monday.`,
    goHome: 'Back to today',
    history: 'Your past weeks',
    score: (score: string) => `score ${score} of 10`,
  },

  settings: {
    title: 'Your account',
    signedInAs: (name: string) => `Signed in as ${name}.`,
    sharing: 'Your clinic: sharing and who looked',
    peg: 'Weekly check-in',
    passkeyTitle: 'Passkeys',
    passkeyIntro: 'Add a passkey on this device to sign in with one tap next time.',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out on every device',
    signingOut: 'Signing out…',
  },
  problems: {
    unreachable: 'The clinic’s server could not be reached. Check your connection, then try again.',
    tooMany: 'Too many tries in a short time. Wait a minute, then try again.',
    server: (status: number) => `The server could not do it (answer ${status}). Try again later.`,
  },
};

/** The workspace's addresses (the app mounts it at /clinic/*). */
export const clinicPaths = {
  list: '/clinic',
  patient: (id: string) => `/clinic/patients/${encodeURIComponent(id)}`,
  invites: '/clinic/invites',
} as const;

/** Where the app's sign-in screen lives. */
export const signInPath = '/sign-in';

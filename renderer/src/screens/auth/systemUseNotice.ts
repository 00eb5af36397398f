/** CJIS Security Policy AC-8 (system use notification), shown before every sign-in. */
export const SYSTEM_USE_NOTICE = [
  'This system contains criminal justice information, including recordings of children, and is for authorized use only.',
  'You are accessing a law enforcement information system. Use is limited to official duties by authorized personnel. Unauthorized access or use, or disclosure of information from this system, is prohibited and may be subject to criminal, civil and administrative penalties.',
  'All activity on this system is monitored, recorded in a tamper-evident audit log, and may be reviewed or disclosed to authorized officials. By signing in you consent to this monitoring.',
];

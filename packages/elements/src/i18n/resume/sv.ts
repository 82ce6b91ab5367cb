import type { ResumeTranslation } from './index.js';

export default {
  title: 'Fortsätt ditt köp',
  text: 'Du lämnade ett köp ofullständigt här på en annan enhet. Fortsätt det på den här med samma varukorg.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Totalt ${amount}`,
  continue: 'Fortsätt ditt köp',
  dismiss: 'Inte nu',
  continuing: 'Ditt köp öppnas…',
  unavailable: 'Det köpet kan inte längre fortsättas. Din varukorg på den här enheten finns kvar.',
  failed: 'Det fungerade inte. Försök igen.',
} satisfies ResumeTranslation;

/** Test helpers of the Moyasar provider: the loopback fake of Moyasar's API and Moyasar's test data. */
export { startMoyasarFake, THREE_DS_FAILED, type MoyasarFake, type MoyasarFakeOptions } from './fake.js';
export { MADA_TEST_CARDS, STC_PAY_TEST_OTP } from '../api.js';

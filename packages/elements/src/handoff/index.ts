export { OmniHandoff } from './handoff.js';
export { OmniHandoffRedeemEvent } from '../events/handoff-redeem.js';

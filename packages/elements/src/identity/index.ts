export { OmniIdentity } from './identity.js';
export { signInWithPasskey, registerPasskey, rememberedDevice, rememberDevice } from './passkeys.js';

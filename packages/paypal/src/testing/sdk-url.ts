/** URLs of PayPal's JS SDK (live and sandbox), which the doubles stand in for. */
export const PAYPAL_SDK_URL = /^https:\/\/www\.(sandbox\.)?paypal\.com\/sdk\/js(\?|$)/;

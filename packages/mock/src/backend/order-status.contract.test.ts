/** The order-status contract (`order-status.contract.suite.ts`) against the in-memory double. */
import { CONTRACT_ORDER, orderStatusContractSuite } from './order-status.contract.suite.js';
import { createOrderStatusDouble } from './order-status.js';

const make = (shopperCanCancel = false, shopperConsent = true) =>
  createOrderStatusDouble({
    shopperConsent,
    items: CONTRACT_ORDER.items,
    shipping: { label: 'Standard', amount: CONTRACT_ORDER.shipping, earliest: '2026-12-09', latest: '2026-12-11' },
    shopperCanCancel,
  });

orderStatusContractSuite('in-memory double', () => ({
  async paid(options = {}) {
    return make(options.shopperCanCancel);
  },
  async delivered() {
    const double = make();
    double.ship({ carrier: 'DHL', trackingNumber: '00340434161094042557', trackingUrl: 'https://www.dhl.de/track?piececode=00340434161094042557' });
    double.deliver();
    return double;
  },
  async recognised() {
    const double = make();
    return { order: double, shopperToken: double.shopperToken };
  },
  async unshared() {
    const double = make(false, false);
    return { order: double, shopperToken: double.shopperToken };
  },
}));

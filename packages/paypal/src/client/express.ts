/** Express: the same PayPal buttons in `<omni-express>`; the shopper picks the address and shipping in PayPal. */
import type { OrderResponseBody } from '@paypal/paypal-js';
import type { ClientProviderContext, ExpressCallbacks, MountedExpress, WalletAvailability } from '@omni-checkout/core/provider';
import { keepRendered, lightNode, renderButtons, SOURCES } from './index.js';

export async function mountExpress(container: HTMLElement, ctx: ClientProviderContext, callbacks: ExpressCallbacks): Promise<MountedExpress> {
  // PayPal's order is created by the backend before its window opens: without the prepare step the
  // buttons could not work, so none are shown (and nothing of PayPal's loads).
  if (!ctx.prepare) {
    return { availability: SOURCES.map((wallet) => ({ wallet, available: false, reason: 'not_enabled' })), update() {}, destroy() {} };
  }
  let availability: WalletAvailability[] = [];
  const light = lightNode(container);
  const view = keepRendered(container, ctx, async (paypal, current) => {
    const drawn = await renderButtons(paypal, light.node, SOURCES, current, {
      // A shipping change in the PayPal window re-prices the session, then the order (`reference` is set).
      express: (prepare) => {
        const reprice = async (change: () => Promise<unknown>, reject: () => Promise<void>) => {
          try {
            await change();
            await prepare();
          } catch {
            await reject();
          }
        };
        return {
          onShippingAddressChange: ({ shippingAddress: a }, actions) =>
            reprice(() => callbacks.onShippingAddressChange({ country: a.countryCode, region: a.state, city: a.city, postalCode: a.postalCode }), actions.reject),
          onShippingOptionsChange: ({ selectedShippingOption }, actions) =>
            reprice(() => callbacks.onShippingOptionChange(selectedShippingOption?.id ?? ''), actions.reject),
        };
      },
      async approve(orderId, order) {
        const details = (await order().catch(() => undefined)) as Pick<OrderResponseBody, 'payer' | 'purchase_units'> | undefined;
        const email = details?.payer?.email_address;
        const shipping = details?.purchase_units?.[0]?.shipping;
        const a = shipping?.address;
        return callbacks.onAuthorized({
          paymentMethod: orderId,
          ...(email ? { contact: { email } } : {}),
          // PayPal's address, in the wallet shape <omni-express> reads (Stripe's names).
          ...(a
            ? {
                shippingAddress: {
                  name: shipping.name?.full_name,
                  address: { line1: a.address_line_1, line2: a.address_line_2, city: a.admin_area_2, state: a.admin_area_1, postal_code: a.postal_code, country: a.country_code },
                },
              }
            : {}),
        });
      },
      cancel: () => callbacks.onCancel(),
    });
    availability = drawn.availability;
    return drawn.close;
  });
  try {
    await view.start();
  } catch {
    availability = SOURCES.map((wallet) => ({ wallet, available: false, reason: 'load_failed' }));
  }
  return {
    get availability() {
      return availability;
    },
    update: (session) => view.update(session),
    destroy: () => {
      view.destroy();
      light.remove();
    },
  };
}


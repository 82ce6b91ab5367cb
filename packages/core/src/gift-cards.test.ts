import { describe, expect, it } from 'vitest';
import {
  AppliedTender,
  ApplyGiftCardRequest,
  formatGiftCardCode,
  GIFT_CARD_EXPIRY_RULES,
  GiftCard,
  GiftCardBalance,
  GiftCardBalanceRequest,
  GiftCardCreditRequest,
  GiftCardDebitRequest,
  GiftCardTransaction,
  GiftCardWithTransactions,
  GrantStoreCreditRequest,
  isGiftCardCodeShape,
  IssuedGiftCard,
  IssueGiftCardRequest,
  normaliseGiftCardCode,
  StoreCredit,
  StoreCreditBalance,
} from './gift-cards.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('gift card codes', () => {
  it('formats 20 random values as five groups of four Crockford base32 characters', () => {
    // Values 0..31 map to the alphabet in order; higher bits are ignored (a byte is masked to 5 bits).
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => (i === 19 ? 32 + 31 : i));
    const code = formatGiftCardCode(bytes);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(code.replaceAll('-', '')).toBe(CROCKFORD.slice(0, 19) + CROCKFORD[31]);
    // Only the first 20 values are used.
    expect(formatGiftCardCode(Uint8Array.from([...bytes, 5, 5, 5]))).toBe(code);
  });

  it('never puts the look-alike letters I, L, O or U in a code', () => {
    const all = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    for (let shift = 0; shift < 32; shift++) {
      const code = formatGiftCardCode(all.map((b) => b + shift));
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('refuses to make a code from fewer than 20 random values', () => {
    expect(() => formatGiftCardCode(new Uint8Array(19))).toThrow(/20 random bytes/);
    expect(formatGiftCardCode(new Uint8Array(20))).toBe('0000-0000-0000-0000-0000');
  });

  it('reads a code as a person types it: any case, spaces and dashes, O as 0, I and L as 1', () => {
    expect(normaliseGiftCardCode('abcd-efgh jkmn\tpqrs-tvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(normaliseGiftCardCode('o0Oo-iIlL-1111-2222-3333')).toBe('00001111111122223333');
    // Other characters are kept, so a wrong code stays wrong.
    expect(normaliseGiftCardCode('ABCD_EFGH')).toBe('ABCD_EFGH');
  });

  it('a formatted code, retyped sloppily, normalises back to the same 20 characters', () => {
    const code = formatGiftCardCode(Uint8Array.from({ length: 20 }, (_, i) => i + 7));
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    expect(normaliseGiftCardCode(typed)).toBe(code.replaceAll('-', ''));
    expect(isGiftCardCodeShape(normaliseGiftCardCode(typed))).toBe(true);
  });

  it('accepts only 20 Crockford base32 characters as the shape of an issued code', () => {
    expect(isGiftCardCodeShape('0123456789ABCDEFGHJK')).toBe(true);
    expect(isGiftCardCodeShape('0123456789ABCDEFGHJ')).toBe(false);
    expect(isGiftCardCodeShape('0123456789ABCDEFGHJKM')).toBe(false);
    // U is not in the alphabet, nor lower case, nor separators (the caller normalises first).
    expect(isGiftCardCodeShape('0123456789ABCDEFGHJU')).toBe(false);
    expect(isGiftCardCodeShape('0123456789abcdefghjk')).toBe(false);
    expect(isGiftCardCodeShape('0123-56789ABCDEFGHJK')).toBe(false);
    expect(isGiftCardCodeShape('')).toBe(false);
  });
});

describe('the page’s code requests', () => {
  it('take a code of 16 to 40 characters and nothing else', () => {
    for (const schema of [GiftCardBalanceRequest, ApplyGiftCardRequest]) {
      expect(schema.safeParse({ code: 'ABCD-EFGH-JKMN-PQRS-TVWX' }).success).toBe(true);
      expect(schema.safeParse({ code: 'A'.repeat(16) }).success).toBe(true);
      expect(schema.safeParse({ code: 'A'.repeat(40) }).success).toBe(true);
      expect(schema.safeParse({ code: 'A'.repeat(15) }).success).toBe(false);
      expect(schema.safeParse({ code: 'A'.repeat(41) }).success).toBe(false);
      expect(schema.safeParse({ code: 'ABCD-EFGH-JKMN-PQRS-TVWX', session: 'cs_1' }).success).toBe(false);
    }
  });
});

describe('IssueGiftCardRequest', () => {
  const ok = { amount: 5000, currency: 'EUR' };

  it('issues a positive amount up to 999,999.99 in a known currency', () => {
    expect(IssueGiftCardRequest.parse(ok)).toEqual(ok);
    expect(IssueGiftCardRequest.safeParse({ ...ok, amount: 99_999_999 }).success).toBe(true);
    expect(IssueGiftCardRequest.safeParse({ ...ok, amount: 100_000_000 }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, amount: 0 }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, amount: 10.5 }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, currency: 'eur' }).success).toBe(false);
  });

  it('takes an expiry as an ISO date-time with offset, a validity in days up to 100 years, or a market', () => {
    expect(IssueGiftCardRequest.safeParse({ ...ok, expiresAt: '2030-01-01T00:00:00+01:00' }).success).toBe(true);
    expect(IssueGiftCardRequest.safeParse({ ...ok, expiresAt: '2030-01-01T00:00:00Z' }).success).toBe(true);
    expect(IssueGiftCardRequest.safeParse({ ...ok, expiresAt: '1 January 2030' }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, validityDays: 36_500 }).success).toBe(true);
    expect(IssueGiftCardRequest.safeParse({ ...ok, validityDays: 365 }).success).toBe(true);
    expect(IssueGiftCardRequest.safeParse({ ...ok, validityDays: 36_501 }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, validityDays: 0 }).success).toBe(false);
    expect(IssueGiftCardRequest.safeParse({ ...ok, country: 'DE' }).success).toBe(true);
    for (const country of ['de', 'D', 'DEU', 'xDE', 'DEx', '12']) {
      expect(IssueGiftCardRequest.safeParse({ ...ok, country }).success, country).toBe(false);
    }
  });

  it('refuses fields it does not know (a balance cannot be set directly)', () => {
    expect(IssueGiftCardRequest.safeParse({ ...ok, balance: 1_000_000 }).success).toBe(false);
  });
});

describe('gift card expiry rules', () => {
  it('every listed market has a default of whole days (or never) that its own minimum allows', () => {
    const entries = Object.entries(GIFT_CARD_EXPIRY_RULES);
    expect(entries.length).toBeGreaterThan(0);
    for (const [market, rule] of entries) {
      expect(market).toMatch(/^[A-Z]{2}$/);
      expect(rule.defaultDays === null || Number.isInteger(rule.defaultDays), market).toBe(true);
      if (rule.minimumDays === null) expect(rule.defaultDays, `${market}: no expiry date at all`).toBeNull();
      if (typeof rule.minimumDays === 'number') {
        expect(Number.isInteger(rule.minimumDays), market).toBe(true);
        expect(rule.defaultDays, market).toBeGreaterThanOrEqual(rule.minimumDays);
      }
    }
  });

  it('follows the rules the comments name: US cards pay at least 5 years, Canadian ones never expire, German ones at least a year', () => {
    expect(GIFT_CARD_EXPIRY_RULES.US!.minimumDays).toBeGreaterThanOrEqual(5 * 365);
    expect(GIFT_CARD_EXPIRY_RULES.CA).toEqual({ defaultDays: null, minimumDays: null });
    expect(GIFT_CARD_EXPIRY_RULES.DE!.minimumDays).toBeGreaterThanOrEqual(365);
    expect(GIFT_CARD_EXPIRY_RULES.DE!.defaultDays).toBeGreaterThan(365);
  });
});

describe('debits, credits and store credit grants', () => {
  it('a debit names a positive amount, its currency and optionally an id-like reference', () => {
    expect(GiftCardDebitRequest.safeParse({ amount: 1, currency: 'EUR', reference: 'ord_1' }).success).toBe(true);
    expect(GiftCardDebitRequest.safeParse({ amount: -100, currency: 'EUR' }).success).toBe(false);
    expect(GiftCardDebitRequest.safeParse({ amount: 100, currency: 'EUR', reference: 'receipt 7' }).success).toBe(false);
    expect(GiftCardDebitRequest.safeParse({ amount: 100, currency: 'EUR', card: 'gc_1' }).success).toBe(false);
  });

  it('a credit names the debit (1 to 64 characters) and a positive amount', () => {
    expect(GiftCardCreditRequest.safeParse({ debit: 'gct_1', amount: 100 }).success).toBe(true);
    expect(GiftCardCreditRequest.safeParse({ debit: 'x'.repeat(64), amount: 100 }).success).toBe(true);
    expect(GiftCardCreditRequest.safeParse({ debit: 'x'.repeat(65), amount: 100 }).success).toBe(false);
    expect(GiftCardCreditRequest.safeParse({ debit: '', amount: 100 }).success).toBe(false);
    expect(GiftCardCreditRequest.safeParse({ debit: 'gct_1', amount: 100, currency: 'EUR' }).success).toBe(false);
  });

  it('a grant names the shopper by id or by email, exactly one of the two', () => {
    const grant = { amount: 500, currency: 'EUR' };
    expect(GrantStoreCreditRequest.safeParse({ ...grant, shopper: 'shp_1' }).success).toBe(true);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, email: 'ada@example.com', reference: 'return_7' }).success).toBe(true);
    for (const who of [{}, { shopper: 'shp_1', email: 'ada@example.com' }]) {
      const result = GrantStoreCreditRequest.safeParse({ ...grant, ...who });
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([
        expect.objectContaining({ path: ['shopper'], message: 'Name the shopper by `shopper` or by `email`, one of the two' }),
      ]);
    }
  });

  it('a grant refuses an empty or over-long shopper id, an over-long email and unknown fields', () => {
    const grant = { amount: 500, currency: 'EUR' };
    expect(GrantStoreCreditRequest.safeParse({ ...grant, shopper: 's'.repeat(64) }).success).toBe(true);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, shopper: 's'.repeat(65) }).success).toBe(false);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, shopper: '' }).success).toBe(false);
    // 254 characters is the longest address; 255 is refused.
    expect(GrantStoreCreditRequest.safeParse({ ...grant, email: `${'a'.repeat(64)}@${'b'.repeat(185)}.com` }).success).toBe(true);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, email: `${'a'.repeat(64)}@${'b'.repeat(186)}.com` }).success).toBe(false);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, email: 'not an email' }).success).toBe(false);
    expect(GrantStoreCreditRequest.safeParse({ ...grant, shopper: 'shp_1', expiresAt: '2030-01-01T00:00:00Z' }).success).toBe(false);
  });
});

describe('the backend’s gift card answers', () => {
  const card = {
    id: 'gc_1',
    object: 'gift_card',
    last4: 'TVWX',
    currency: 'EUR',
    initialAmount: 5000,
    balance: 1200,
    status: 'active',
    expiresAt: null,
    livemode: false,
    createdAt: '2026-01-01T00:00:00Z',
  };
  const transaction = {
    id: 'gct_1',
    object: 'gift_card_transaction',
    giftCard: 'gc_1',
    kind: 'debit',
    amount: -3800,
    balanceAfter: 1200,
    reference: 'ord_1',
    debit: null,
    createdAt: '2026-01-02T00:00:00Z',
  };

  it('a card, an issued card (with its code) and a card with its ledger parse; a negative balance does not', () => {
    expect(GiftCard.parse(card)).toEqual(card);
    expect(GiftCard.safeParse({ ...card, status: 'disabled' }).success).toBe(true);
    expect(GiftCard.safeParse({ ...card, status: 'expired' }).success).toBe(false);
    expect(GiftCard.safeParse({ ...card, object: 'store_credit' }).success).toBe(false);
    expect(GiftCard.safeParse({ ...card, balance: -1 }).success).toBe(false);
    expect(IssuedGiftCard.parse({ ...card, code: 'ABCD-EFGH-JKMN-PQRS-TVWX' }).code).toBe('ABCD-EFGH-JKMN-PQRS-TVWX');
    expect(IssuedGiftCard.safeParse(card).success).toBe(false);
    const withLedger = { ...card, transactions: [transaction] };
    expect(GiftCardWithTransactions.parse(withLedger)).toEqual(withLedger);
    expect(GiftCardWithTransactions.safeParse(card).success).toBe(false);
  });

  it('ledger lines are issue, debit, credit or grant, and never leave a negative balance', () => {
    for (const kind of ['issue', 'debit', 'credit', 'grant']) expect(GiftCardTransaction.safeParse({ ...transaction, kind }).success, kind).toBe(true);
    expect(GiftCardTransaction.safeParse({ ...transaction, kind: 'refund' }).success).toBe(false);
    expect(GiftCardTransaction.safeParse({ ...transaction, object: 'gift_card' }).success).toBe(false);
    expect(GiftCardTransaction.safeParse({ ...transaction, balanceAfter: -1 }).success).toBe(false);
  });

  it('balances and tenders parse with their own object names and kinds', () => {
    const balance = { object: 'gift_card_balance', last4: 'TVWX', balance: 1200, currency: 'EUR', expiresAt: null };
    expect(GiftCardBalance.parse(balance)).toEqual(balance);
    expect(GiftCardBalance.safeParse({ ...balance, object: 'gift_card' }).success).toBe(false);
    const credit = { id: 'sc_1', object: 'store_credit', shopper: null, currency: 'EUR', balance: 0, expiresAt: null, livemode: true };
    expect(StoreCredit.parse(credit)).toEqual(credit);
    expect(StoreCredit.safeParse({ ...credit, object: 'store_credit_balance' }).success).toBe(false);
    const creditBalance = { object: 'store_credit_balance', balance: 300, currency: 'EUR', expiresAt: '2027-01-01T00:00:00Z' };
    expect(StoreCreditBalance.parse(creditBalance)).toEqual(creditBalance);
    expect(StoreCreditBalance.safeParse({ ...creditBalance, object: 'store_credit' }).success).toBe(false);
    const tender = { id: 'tnd_1', kind: 'gift_card', last4: 'TVWX', amount: 1200, currency: 'EUR' };
    expect(AppliedTender.parse(tender)).toEqual(tender);
    expect(AppliedTender.safeParse({ ...tender, kind: 'store_credit', last4: null }).success).toBe(true);
    expect(AppliedTender.safeParse({ ...tender, kind: 'voucher' }).success).toBe(false);
  });
});

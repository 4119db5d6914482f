import { describe, it, expect } from 'vitest';
import { extractEntities } from '../../src/understanding/entities.js';

describe('extractEntities', () => {
  it('finds our own ticket number', () => {
    expect(extractEntities('Any news on SR-2026-000123? Thanks').ticketRef).toBe('SR-2026-000123');
  });

  it('finds free-form ticket references as written', () => {
    expect(extractEntities('following up on tk 7720 from last week').ticketRef).toBe('tk 7720');
    expect(extractEntities('ticket 4410 is still open').ticketRef).toBe('ticket 4410');
  });


  it('finds a phone number and an e-mail address', () => {
    const e = extractEntities('Please call me on 0933-555-812 or write to wei.chen@example.com');
    expect(e.phone).toBe('0933-555-812');
    expect(e.email).toBe('wei.chen@example.com');
  });

  it('finds a serial number after its label and the product model', () => {
    const e = extractEntities('我們的 SP-9000 分光光度計(序號 SP9K-40213)開機就報錯');
    expect(e.productModel).toBe('SP-9000');
    expect(e.serial).toBe('SP9K-40213');
  });

  it('does not take an error code for a product model', () => {
    expect(extractEntities('The LP-4100 shows error E12 on start-up').productModel).toBe('LP-4100');
    expect(extractEntities('printer shows E03 and stops').productModel).toBeUndefined();
  });

  it('prefers the full product name when the subject only gives the model code', () => {
    expect(extractEntities('Error on M428\nOur HP LaserJet Pro M428 stopped printing').productModel).toBe('HP LaserJet Pro M428');
  });

  it('ignores the addresses in quoted attribution lines', () => {
    expect(extractEntities('Fixed now, thanks.\n\nOn Mon, 2 Mar 2026, Service Desk <service@aftercare.example> wrote:\n> hello').email).toBeUndefined();
  });

  it('finds a stated purchase date', () => {
    expect(extractEntities('We bought the unit on 2025-03-14 from a dealer').purchaseDate).toBe('2025-03-14');
  });
});

describe('references from other systems', () => {
  const cases: [string, string, string][] = [
    ['RMA-88213 status please', 'RMA-88213', 'rma'],
    ['PO 4500123456 was never delivered', 'PO 4500123456', 'purchase_order'],
    ['Re: Case#00123987 still waiting', 'Case#00123987', 'case'],
    ['INC0012345 is still open on our side', 'INC0012345', 'incident'],
    ['發票號碼 AB-12345678 金額錯誤', 'AB-12345678', 'invoice'],
    ['发票 INV-2025-0311 金额不对', 'INV-2025-0311', 'invoice'],
    ['订单号 2024051288771 还没到货', '2024051288771', 'order'],
    ['my order number is 2024051288771', '2024051288771', 'order'],
    ['Order SO-77120 arrived damaged', 'SO-77120', 'order'],
    ['under contract CT-2291-004', 'CT-2291-004', 'contract'],
    ['rma 88213', 'rma 88213', 'rma'],
    ['RMA#: 88213 pls', 'RMA#: 88213', 'rma'],
    ['P.O. 4500123456 still pending', 'P.O. 4500123456', 'purchase_order'],
    ['invoice# INV/2024/0311 is wrong', 'INV/2024/0311', 'invoice'],
    ['INC 001 2345 still open', 'INC 001 2345', 'incident'],
    ['ref: PO-4500123456 please check', 'PO-4500123456', 'purchase_order'],
    ['RMA單號 88213 進度', '88213', 'rma'],
    ['客訴單號 CS-2024-1187 沒人處理', 'CS-2024-1187', 'case'],
    ['案件单号 20931 没有回复', '20931', 'case'],
    ['快递单号 SF1234567890 查不到', 'SF1234567890', 'other'],
  ];
  for (const [text, value, kind] of cases) {
    it(`reads "${text}" as another system's ${kind} reference, not our ticket`, () => {
      const e = extractEntities(text);
      expect(e.externalRef).toBe(value);
      expect(e.externalRefKind).toBe(kind);
      expect(e.ticketRef).toBeUndefined();
    });
  }

  it('keeps our own SR number apart from another reference in the same message', () => {
    const e = extractEntities('SR-2026-000123 is linked to RMA 5521');
    expect(e.ticketRef).toBe('SR-2026-000123');
    expect(e.externalRef).toBe('RMA 5521');
  });

  it('reads 單號 on its own as our ticket number', () => {
    expect(extractEntities('我的單號 1234 進度如何').ticketRef).toBe('1234');
  });

  it('does not take a purchase verb for a purchase-order label', () => {
    expect(extractEntities('想采购 EM-3000 两台').externalRef).toBeUndefined();
  });

  it('reads a loosely written SR number as ours', () => {
    expect(extractEntities('請問 sr 2026 123 進度').ticketRef).toBe('sr 2026 123');
  });
});

describe('product models', () => {
  const cases: [string, string][] = [
    ['Our Daikin FTXM35 is leaking', 'Daikin FTXM35'],
    ['HP LaserJet Pro M404dn keeps jamming', 'HP LaserJet Pro M404dn'],
    ['日立 RAS-40NK 不冷', '日立 RAS-40NK'],
    ['格力 KFR-35GW 一直漏水', '格力 KFR-35GW'],
    ['Mitsubishi Electric MSZ-AP25VG drips water', 'Mitsubishi Electric MSZ-AP25VG'],
    ['Canon imageRUNNER ADVANCE C5535i shows an error', 'Canon imageRUNNER ADVANCE C5535i'],
    ['我家的冷氣機不冷，一直滴水，型號 RAS-40NK', 'RAS-40NK'],
    ['My fridge is not cooling, model GR-B22', 'GR-B22'],
    ['Daikin unit model FTXM35 will not start', 'FTXM35'],
    ['HP M404 Printer Error 5', 'HP M404'],
  ];
  for (const [text, model] of cases) {
    it(`finds ${model} in "${text}" without the words around it`, () => {
      expect(extractEntities(text).productModel).toBe(model);
    });
  }
});

describe('product models read out in a speech transcript', () => {
  it('keeps a model spelled letter by letter with English number words as spoken', () => {
    expect(extractEntities('the model is R A S forty N K I think').productModel).toBe('R A S forty N K');
  });

  it('keeps a Chinese brand with a spelled model and Chinese numerals', () => {
    expect(extractEntities('格力 K F R 三十五 G W 一直漏水').productModel).toBe('格力 K F R 三十五 G W');
  });

  it('keeps a model read out as letters then single digits', () => {
    expect(extractEntities('model F D seven one zero keeps beeping').productModel).toBe('F D seven one zero');
  });

  it('keeps a spoken dash inside the model', () => {
    expect(extractEntities('uh the unit is a G R dash B twenty two').productModel).toBe('G R dash B twenty two');
  });

  it('does not take a spoken time of day for a model', () => {
    expect(extractEntities('at 3 P M two engineers came').productModel).toBeUndefined();
  });

  it('does not take a read-out serial for a model', () => {
    expect(extractEntities('序號 M V 二零一九 零四四七').productModel).toBeUndefined();
  });
});

describe('references read out in a speech transcript', () => {
  it('reads a spelled SR number as our ticket, not a product model', () => {
    const e = extractEntities('S R one two three four five, any news');
    expect(e.ticketRef).toBe('S R one two three four five');
    expect(e.productModel).toBeUndefined();
  });

  it("reads a spelled code after a reference word as another system's reference", () => {
    const e = extractEntities('my complaint number is C M P seven seven eight one');
    expect(e.externalRef).toBe('C M P seven seven eight one');
    expect(e.productModel).toBeUndefined();
  });

  it('reads a spelled PO number as a purchase order', () => {
    expect(extractEntities('my P O number is P O dash seven seven one two').externalRefKind).toBe('purchase_order');
  });

  it('reads 拐 as seven in a phone number read out in Mandarin', () => {
    expect(extractEntities('我电话 幺 三 九 零 四 五 一 二 拐 拐 六').phoneE164).toBe('+8613904512776');
  });
});

describe('foreign phone numbers keep their country code', () => {
  it('reads +44 20 7946 0958 as a London number', () => {
    const e = extractEntities('call me on +44 20 7946 0958');
    expect(e.phoneE164).toBe('+442079460958');
    expect(e.phoneRegion).toBe('GB');
  });

  it('takes a number dialled with 0044 whole, prefix included', () => {
    const e = extractEntities('my number is 0044 20 7946 0958');
    expect(e.phone).toBe('0044 20 7946 0958');
    expect(e.phoneE164).toBe('+442079460958');
  });

  it('drops the (0) trunk prefix written after the country code', () => {
    expect(extractEntities('call +44 (0)20 7946 0958').phoneE164).toBe('+442079460958');
  });

  it('keeps a UK number as UK in a Traditional Chinese message', () => {
    expect(extractEntities('我在倫敦出差，電話 0044 20 7946 0958').phoneRegion).toBe('GB');
  });

  it('keeps the country code of a number in a reserved range', () => {
    expect(extractEntities('UK mobile +44 7700 900123').phoneE164).toBe('+447700900123');
  });
});

describe('phone numbers by region', () => {
  it('reads a mainland mobile in a Simplified Chinese message with a Shanghai address as +86', () => {
    const e = extractEntities('我的电话 13812345678，地址上海市浦东新区张江路 100 号');
    expect(e.phone).toBe('13812345678');
    expect(e.phoneE164).toBe('+8613812345678');
    expect(e.phoneRegion).toBe('CN');
  });

  it('reads 09… as a Taiwan mobile and eight digits in Cantonese as Hong Kong', () => {
    expect(extractEntities('請回電 0912-345-678').phoneE164).toBe('+886912345678');
    expect(extractEntities('部冷氣機壞咗，打 9123 4567 搵我').phoneE164).toBe('+85291234567');
  });

  it('reads a landline by the address: 021 in Shanghai, 02 in Taipei', () => {
    expect(extractEntities('上海办公室电话 021-6234 5678').phoneE164).toBe('+862162345678');
    expect(extractEntities('台北市辦公室電話 02-2345-6789').phoneE164).toBe('+886223456789');
  });

  it('reads a phone number spoken in a voice transcript, but not a read-out serial', () => {
    expect(extractEntities('我的電話 零九一二 三四五 六七九').phoneE164).toBe('+886912345679');
    expect(extractEntities('my number is seven one eight five five five zero one nine two').phone).toBe('seven one eight five five five zero one nine two');
    expect(extractEntities('序號 M V 二零一九 零四四七').phone).toBeUndefined();
  });

  it('keeps an explicit country code', () => {
    expect(extractEntities('call +886 4 2345 6789').phoneE164).toBe('+886423456789');
  });

  it('gives no E.164 form to a number too short to be complete', () => {
    const e = extractEntities('call 555-0142');
    expect(e.phone).toBe('555-0142');
    expect(e.phoneE164).toBeUndefined();
  });
});

describe('purchase dates', () => {
  const now = new Date('2026-11-30T04:00:00Z');
  const cases: [string, string, string][] = [
    ['去年三月買的，現在不冷', '2025-03', 'month'],
    ['2024年5月购买的', '2024-05', 'month'],
    ['We bought it yesterday and it is already broken', '2026-11-29', 'day'],
    ['purchased last year', '2025', 'year'],
    ['bought on 2025-03-14', '2025-03-14', 'day'],
    ['琴日先買嘅', '2026-11-29', 'day'],
  ];
  for (const [text, value, precision] of cases) {
    it(`reads "${text}" as ${value} (${precision})`, () => {
      const e = extractEntities(text, { now, timeZone: 'Asia/Taipei' });
      expect(e.purchaseDate).toBe(value);
      expect(e.purchaseDatePrecision).toBe(precision);
    });
  }

  it('ignores a date that is not a purchase date', () => {
    expect(extractEntities('the engineer came yesterday', { now }).purchaseDate).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { aCampaign, aPlanInput, aState } from '../../../test/support/builders.js';
import { planCampaign } from '../../plan/planner.js';
import { GLYPHS, renderPlanJson, renderPlanText } from './plan.js';

const applied = () => aState().applied(aPlanInput()).build();

describe('renderPlanText', () => {
  it('lists the changes with glyphs and reasons, counts the unchanged, then the summary line', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[0]!.price = { type: 'discount', original: 199, now: 119 };
          c.products[2]!.name = '女神节礼盒';
          c.products = c.products.filter((p) => p.id !== 'mask-box');
          c.room.type = 'push';
        }),
        state: aState().applied(aPlanInput()).audit('lipstick-520', 'approved').build(),
      }),
    );
    const text = renderPlanText(plan);
    const lines = text.split('\n');
    const row = (address: string) => lines.find((l) => l.slice(4).startsWith(`${address} `));
    expect(row('goods/lipstick-520')).toMatch(/^ {2}~ goods\/lipstick-520 +price 129 → 119$/);
    expect(row('goods/gift-set')).toMatch(
      /^-\/\+ goods\/gift-set +name 女神节限定礼盒 → 女神节礼盒: approved goods may change only the price/,
    );
    expect(row('goods/mask-box')).toMatch(/^ {2}- goods\/mask-box +removed from the campaign$/);
    expect(row('room')).toMatch(/^ {2}! room +the room's type can't change \(phone → push\)/);
    expect(text).toMatch(/^ {4}\(\d+ unchanged; --format json lists every change\)$/m);
    expect(text).toContain(
      '\nPlan: 1 to create, 1 to update, 4 to delete, 0 waiting on audit, 1 for a person.\n',
    );
    expect(text).toContain(
      '+ create  ~ update  - delete  -/+ replace  * waiting (audit, quota or date)  ! needs a person',
    );
  });

  it('shows media by a short hash and the file it is', () => {
    const text = renderPlanText(planCampaign(aPlanInput()));
    expect(text).toMatch(/^ {2}\+ media\/[0-9a-f]{12} +assets\/cover\.png: not uploaded yet \(for room\)$/m);
  });

  it('says so when there is nothing to change', () => {
    const text = renderPlanText(planCampaign(aPlanInput({ state: applied() })));
    expect(text).toContain('  Nothing to change: the platform matches the campaign.\n');
    expect(text).not.toContain('Run `livectl apply`');
    expect(text).toContain(
      'Plan: 0 to create, 0 to update, 0 to delete, 0 waiting on audit, 0 for a person.',
    );
  });

  it('the timeline shows triggers and channels; tasks are a checklist with due times', () => {
    const text = renderPlanText(planCampaign(aPlanInput()));
    expect(text).toMatch(
      /^ {2}2027-03-08 20:00 {2}抽奖第1轮：点赞达30000抽小黑盖口红 ×5 +when likes ≥ 30000$/m,
    );
    expect(text).toMatch(/^ {2}2027-03-05 10:00 {2}预热第1波 t-3d（.*） +wecom-groups, wecom-moments$/m);
    expect(text).toContain(
      '  [ ] WeCom member zhangsan: confirm the customer-group send of wave t-3d in WeCom when it arrives (by 2027-03-05 10:00)',
    );
  });

  it('every action has a distinct ASCII glyph', () => {
    const glyphs = Object.values(GLYPHS);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    for (const g of glyphs) expect(g).toMatch(/^[\x21-\x7e]$/);
  });
});

describe('renderPlanJson', () => {
  it('is the Plan itself, one document', () => {
    const plan = planCampaign(aPlanInput());
    expect(JSON.parse(renderPlanJson(plan))).toEqual(plan);
    expect(renderPlanJson(plan).endsWith('}\n')).toBe(true);
  });
});

describe('plan invariants', () => {
  it('an address appears once, except the two halves of a replacement (delete first)', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[0]!.name = '丝绒口红';
          c.products[1]!.image = 'assets/mask-v2.png';
        }),
        state: applied(),
      }),
    );
    const seen = new Map<string, string[]>();
    for (const c of plan.changes) seen.set(c.address, [...(seen.get(c.address) ?? []), c.action]);
    for (const [address, actions] of seen) {
      if (actions.length === 1) continue;
      expect(actions, address).toEqual(['delete', 'create']);
      expect(plan.changes.filter((c) => c.address === address).every((c) => c.replace)).toBe(true);
    }
    expect([...seen.values()].filter((a) => a.length === 2)).toHaveLength(2);
  });

  it('every dependsOn names an address in the plan or already in the state', () => {
    const state = applied();
    for (const input of [
      aPlanInput(),
      aPlanInput({ state, campaign: aCampaign((c) => (c.room.name = '女神节直播专场二')) }),
    ]) {
      const plan = planCampaign(input);
      const known = new Set([...plan.changes.map((c) => c.address), ...input.state.resources.keys()]);
      for (const c of plan.changes)
        for (const d of c.dependsOn ?? []) expect(known.has(d), `${c.address} → ${d}`).toBe(true);
    }
  });
});

describe('renderPlanText on hostile names', () => {
  it('escapes control and bidi characters from the campaign (ESC never reaches the terminal)', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.metadata.name = 'x\u001b]0;pwned\u0007';
          c.room.name = '直播\u001b[2J\u202e专场';
          c.products[0]!.name = '口红\u0008\u0008';
        }),
      }),
    );
    const text = renderPlanText(plan);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('x\\x1b]0;pwned\\x07');
    expect(renderPlanJson(plan)).not.toMatch(/[\u001b\u202e]/);
  });
});

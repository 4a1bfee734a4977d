import { CATEGORY_FIXTURE, type ChannelsSetup } from './channels-state.js';

/**
 * What campaigns/goddess-day-channels.yaml names on the 视频号 + 微信小店 side, present when
 * `livectl emulator` starts, so the bundled example applies as it is: the store and the 视频号助手
 * accounts, the 视频号 sphAbCdEf123 bound to the store (合作账号), the example's store categories and
 * its existing product 10000165397817 (listed). The open-scene switches are on by default, and the
 * emulator takes any express template id (freightTemplateId 1001). Other appids still register on
 * first use (`open`), so a campaign of one's own works too. With `--audit auto` the store's audit
 * approves a product as soon as it is submitted: the emulator's clock stands still under
 * LIVECTL_NOW, and a tour should not wait on it.
 */
export const EXAMPLE_SHOP = 'wx1111111111111111';
export const EXAMPLE_ASSISTANT = 'wx2222222222222222';
export const EXAMPLE_FINDER = 'sphAbCdEf123';
export const EXAMPLE_PRODUCT = '10000165397817';

export function exampleChannels(): ChannelsSetup {
  return {
    open: true,
    shops: [EXAMPLE_SHOP],
    assistants: [
      {
        appId: EXAMPLE_ASSISTANT,
        finderUserName: EXAMPLE_FINDER,
        nickname: '小美老师',
        fansCount: 12_800,
        boundShops: [EXAMPLE_SHOP],
      },
    ],
    auditMinutes: 0,
    categories: [
      ...CATEGORY_FIXTURE,
      // The example's paths (made-up ids, like the fixture's): the lipstick's and the gift set's.
      ['6153', '6155', '6160'],
      ['6153', '6170'],
    ],
    products: [
      {
        productId: EXAMPLE_PRODUCT,
        shopAppId: EXAMPLE_SHOP,
        title: '玻尿酸补水面膜10片',
        catsV2: ['6153', '6170'],
        salePrice: 8990,
        stock: 300,
      },
    ],
  };
}

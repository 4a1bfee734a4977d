import { CodesClient } from './codes.js';
import type { Transport } from './http.js';
import { LiveGoodsClient } from './live-goods.js';
import { LiveRolesClient } from './live-roles.js';
import { LiveRoomsClient } from './live-rooms.js';
import { LiveSubscribersClient } from './live-subscribers.js';
import { type FileInput, type TempMedia, type TempMediaType, uploadTempMedia } from './media.js';
import { SubscribeMessageClient } from './subscribe-message.js';
import type { TokenBroker } from './token-broker.js';

/** Everything on api.weixin.qq.com that a mini program's live campaign uses, behind one token. */
export class MiniProgramClient {
  readonly rooms: LiveRoomsClient;
  readonly goods: LiveGoodsClient;
  readonly roles: LiveRolesClient;
  readonly subscribers: LiveSubscribersClient;
  readonly codes: CodesClient;
  readonly subscribeMessages: SubscribeMessageClient;

  constructor(
    private readonly transport: Transport,
    readonly tokens: TokenBroker,
  ) {
    this.rooms = new LiveRoomsClient(transport, tokens);
    this.goods = new LiveGoodsClient(transport, tokens);
    this.roles = new LiveRolesClient(transport, tokens);
    this.subscribers = new LiveSubscribersClient(transport, tokens);
    this.codes = new CodesClient(transport, tokens);
    this.subscribeMessages = new SubscribeMessageClient(transport, tokens);
  }

  /** Temporary media (3 days): room images, goods covers. */
  uploadMedia(type: Exclude<TempMediaType, 'file'>, file: FileInput): Promise<TempMedia> {
    return uploadTempMedia(this.transport, this.tokens, type, file);
  }
}

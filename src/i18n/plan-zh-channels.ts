/**
 * The 视频号 (platform: channels) plan in Chinese: the reasons of src/plan/plan-channels*.ts and the
 * tasks of plan-channels-tasks.ts, by phrase ([pattern, replacement], applied in order before the
 * shared ones of plan-zh.ts). The reservation a person makes is asked for in reasons and tasks alike.
 */
export const RESERVATION_ASK: [RegExp, string] = [
  /in 视频号, create a live reservation for (.+?), described "([^"]*)"/,
  '在视频号里创建 $1 开播的直播预约，描述填写 "$2"',
];

const AT = '([\\d-]+ [\\d:]+)';
const re = (source: string) => new RegExp(source);

export const CHANNELS_REASONS: [RegExp, string][] = [
  RESERVATION_ASK,
  [
    /^no reservation found yet: (.+); apply records it once 视频号助手 lists it$/,
    '还没有找到直播预约：$1；视频号助手里出现后，apply 会记录它',
  ],
  [/^reservation (\S+) was cancelled in 视频号: (.+) again$/, '直播预约 $1 已在视频号取消：请重新$2'],
  [
    re(
      `^reservation (\\S+) was moved: it is for ${AT}, the campaign starts at ${AT}; cancel it and (.+) \\(a reservation cannot be edited\\)$`,
    ),
    '直播预约 $1 的时间不对：预约的是 $2，活动在 $3 开播；请取消它并$4（直播预约不能修改）',
  ],
  [/^reserved: notice (\S+) for (.+)$/, '已预约：直播预约 $1，$2 开播'],
  [/^reserved: notice (\S+)$/, '已预约：直播预约 $1'],
  [/^the broadcast has ended$/, '直播已结束'],
  [
    /^product (\S+) is no longer in the campaign: forgotten \(an existing 小店 product, never delisted or deleted\)$/,
    '商品 $1 已不在活动文件中：不再记录（它是小店里已有的商品，不会下架或删除）',
  ],
  [
    /^product (\S+) is no longer in the campaign: delisted and deleted from the 小店$/,
    '商品 $1 已不在活动文件中：将从小店下架并删除',
  ],
  [
    /^product (\S+) is no longer in the campaign: taken out of the showcase$/,
    '商品 $1 已不在活动文件中：将移出橱窗',
  ],
  [
    /^coupon (\S+) is no longer in the campaign: forgotten \(an existing 小店 coupon, never voided\)$/,
    '优惠券 $1 已不在活动文件中：不再记录（它是小店里已有的优惠券，不会作废）',
  ],
  [
    /^coupon (\S+) is no longer in the campaign: voided in the 小店$/,
    '优惠券 $1 已不在活动文件中：将在小店作废',
  ],
  [
    /^the existing 小店 product (\S+) is not listed \(status (\d+)\): list it in 微信小店后台$/,
    '小店已有商品 $1 未上架（状态 $2）：请在微信小店后台上架',
  ],
  [
    /^the existing 小店 product (\S+): used as it is \(never delisted or deleted\)$/,
    '小店已有商品 $1：原样使用（不会下架或删除）',
  ],
  [
    /^now names the existing 小店 product (\S+) instead of (\S+): checked and recorded$/,
    '改为小店已有商品 $1（原为 $2）：将核对并记录',
  ],
  [/^the existing 小店 product (\S+): checked and recorded$/, '小店已有商品 $1：将核对并记录'],
  [
    /^an earlier create was not confirmed: apply looks for out_product_id (\S+) in the 小店, then adds it$/,
    '上次创建没有得到确认：apply 先在小店里查找 out_product_id $1，再添加',
  ],
  [/^not created yet: added to the 小店 and sent to audit$/, '尚未创建：将添加到小店并提交商品审核'],
  [/^changed: the draft is updated and sent to audit again$/, '有改动：将更新草稿并重新提交商品审核'],
  [/^(.+): the draft is updated and sent to audit again$/, '$1：将更新草稿并重新提交商品审核'],
  [/^listed in the 小店 \(product (\S+)\)$/, '已在小店上架（商品 $1）'],
  [/^in the 小店's audit \(product (\S+)\)$/, '小店商品审核中（商品 $1）'],
  [
    /^the 小店's audit quota is used up: submitted again when it allows$/,
    '小店的商品审核额度已用完：额度恢复后重新提交',
  ],
  [
    /^the 小店 refused product (\S+) in audit: (.+); fix the product in the campaign \(or in 微信小店后台\) and apply again$/,
    '商品 $1 未通过小店商品审核：$2；请在活动文件（或微信小店后台）里改好商品，再运行 apply',
  ],
  [
    /^the 小店 refused product (\S+) in audit; fix the product in the campaign \(or in 微信小店后台\) and apply again$/,
    '商品 $1 未通过小店商品审核；请在活动文件（或微信小店后台）里改好商品，再运行 apply',
  ],
  [
    /^product (\S+) was taken down by the platform \(status (\d+)\): see 微信小店后台$/,
    '商品 $1 已被平台下架（状态 $2）：请查看微信小店后台',
  ],
  [/^approved in audit: listed at apply$/, '商品审核已通过：apply 时上架'],
  [/^not submitted for audit yet: submitted at apply$/, '尚未提交商品审核：apply 时提交'],
  [/^uploaded to the 小店 \(for (.+)\)$/, '已上传到小店（用于 $1）'],
  [/^not needed: (.+) up to date$/, '不需要：$1 已是最新'],
  [/^in the 视频号 showcase \(橱窗\)$/, '已在视频号橱窗'],
  [/^put in the 视频号 showcase \(橱窗\) once the product is listed$/, '商品上架后放进视频号橱窗'],
  [
    /^the existing 小店 coupon (\S+): used as it is \(never voided\)$/,
    '小店已有优惠券 $1：原样使用（不会作废）',
  ],
  [/^the existing 小店 coupon (\S+): checked and recorded$/, '小店已有优惠券 $1：将核对并记录'],
  [re(`^its receive window ended ${AT}: not created$`), '领取时间已于 $1 结束：不再创建'],
  [
    /^an earlier create was not confirmed: apply looks for it in the 小店 \(notes (.+)\), then creates it$/,
    '上次创建没有得到确认：apply 先在小店里查找它（备注 $1），再创建',
  ],
  [
    re(`^not created yet: created effective \\(receivable from ${AT}\\)$`),
    '尚未创建：将创建并生效（$1 起可领取）',
  ],
  [/^not created yet: created effective$/, '尚未创建：将创建并生效'],
  [
    /^coupon (\S+) was voided or deleted in the 小店 \(status (\d+)\): remove it from the campaign, or destroy and apply again$/,
    '优惠券 $1 已在小店作废或删除（状态 $2）：请把它从活动文件中删掉，或 destroy 后重新 apply',
  ],
  [/^coupon (\S+) has expired$/, '优惠券 $1 已过期'],
  [re(`^created: coupon (\\S+) \\(receivable from ${AT}\\)$`), '已创建：优惠券 $1（$2 起可领取）'],
  [/^created: coupon (\S+)$/, '已创建：优惠券 $1'],
  [/^made for another page: made again for (.+)$/, '原先为其他页面生成：将为 $1 重新生成'],
  [/^made for (.+): made again for (.+)$/, '原先为 $1 生成：将为 $2 重新生成'],
  [/^made for (\S+\?\S*)$/, '已为 $1 生成'],
  [re(`^the wave's time ${AT} is past: not needed$`), '该波次的时间 $1 已过：不需要'],
  [re(`^the wave went out at ${AT}: not needed$`), '该波次已于 $1 发出：不需要'],
  [/^not made yet \(once the reservation is found\)$/, '尚未生成（找到直播预约后生成）'],
  [/^rendered again without a code \(template (\S+), no code\)$/, '将重新生成，不带小程序码（模板 $1）'],
  [/^rendered \(template (\S+), no code\)$/, '已生成（模板 $1，无小程序码）'],
  [/^not rendered yet \(template (\S+), no code\)$/, '尚未生成（模板 $1，无小程序码）'],
];

/** Tasks for people on channels; "the 视频号" has become "视频号" before these apply. */
export const CHANNELS_TASKS: [RegExp, string][] = [
  RESERVATION_ASK,
  [
    /^the owner of 视频号 (\S+) \(视频号 app or 视频号助手\)$/,
    '视频号 $1 的运营者（视频号 App 或视频号助手）',
  ],
  [/^the owner of 视频号 \(视频号 app or 视频号助手\)$/, '视频号的运营者（视频号 App 或视频号助手）'],
  [/; the waves' codes and cards wait for it$/, '；各波提醒的小程序码和卡片都要等它'],
  [/^视频号助手 admin$/, '视频号助手管理员'],
  [
    /^switch on 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景: 橱窗 and 带货直播数据 \(the API answers 48001 otherwise\), and allow this host’s IP for both AppIDs$/,
    '在 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景 里打开“橱窗”和“带货直播数据”（否则接口返回 48001），并为两个 AppID 都把本机 IP 加入白名单',
  ],
  [/^微信小店 and 视频号 admins$/, '微信小店和视频号的管理员'],
  [
    /^bind 视频号 (\S+) to the 小店 (\S+) \(合作账号: scan the 小店's invitation\), so the showcase can take its products$/,
    '把视频号 $1 绑定到小店 $2（合作账号：扫描小店发出的邀请），橱窗才能添加小店的商品',
  ],
  [
    /^bind 视频号 to the 小店 \(合作账号: scan the 小店's invitation\), so the showcase can take its products$/,
    '把视频号绑定到小店（合作账号：扫描小店发出的邀请），橱窗才能添加小店的商品',
  ],
  [/^live-room assistant$/, '直播间助理'],
  [/^push coupon (\S+) "(.*)" in 视频号 live console$/, '在视频号直播中控台推送优惠券 $1 "$2"'],
  [/^push coupon (\S+) in 视频号 live console$/, '在视频号直播中控台推送优惠券 $1'],
  [
    /^run the 福袋 lottery "(.*)"( ×\d+)? in the live console at its time$/,
    '按时在直播中控台发起福袋抽奖 "$1"$2',
  ],
  [
    /^run the 福袋 lottery "(.*)"( ×\d+)? in the live console when likes reach (\d+) \(livectl cannot see the like count of a 视频号 live\)$/,
    '点赞数达到 $3 时在直播中控台发起福袋抽奖 "$1"$2（livectl 看不到视频号直播的点赞数）',
  ],
  [/^explain product (\S+) \(讲解\) in the live console$/, '在直播中控台讲解商品 $1'],
];

import type { Catalog } from './catalog.js';

/** 命令行的中文文案（zh-CN）。键和占位符与 messages-en.ts 一一对应：缺一个键或写错占位符都编译不过。 */
export const zh: Catalog = {
  failure: {
    error: '错误：',
    hint: '提示：',
    internal: '内部错误：',
    bug: '这是 livectl 的缺陷，请把你运行的命令一并报告给我们。',
  },
  usage: {
    seeHelp: '请看 `livectl --help` 或 `livectl <命令> --help`。',
    badLang: (p) => `--lang 只能是 zh-CN 或 en，收到的是 "${p.value}"`,
    badFormat: (p) => `--format 只能是 ${p.allowed} 之一，收到的是 "${p.value}"`,
    badNow: (p) => `${p.what} 需要 ISO-8601 时刻，例如 2027-03-01T10:00:00+08:00，收到的是 "${p.value}"`,
    badNowHint: '给一个日期，或带 Z 或 UTC 偏移的日期时间。',
    invalidNow: (p) => `${p.what} 不是有效日期："${p.value}"`,
    noFiles: (p) => `在 ${p.inputs} 中没有找到活动文件`,
    noFilesHint: '请给出活动文件（*.yaml）、包含它们的文件夹，或 "campaigns/**/*.yaml" 这样的通配符。',
  },
  validate: {
    counts: (p) => `检查了 ${p.files} 个文件：${p.errors} 个错误，${p.warnings} 个警告`,
    allClean: '，全部通过',
    at: '位置',
    hint: '提示：',
    labelGap: '',
  },
  plan: {
    header: (p) => `${p.name} 的执行计划`,
    headerDetail: (p) => `（${p.file}，状态序号 ${p.serial}，生成于 ${p.at} ${p.tz}）`,
    nothing: '  无需变更：平台上的内容与活动文件一致。',
    unchanged: (p) => `    （另有 ${p.n} 项不变；--format json 会列出每一项）`,
    legend: '+ 新建  ~ 更新  - 删除  -/+ 重建  * 等待中（审核、额度或日期）  ! 需要人工',
    timeline: (p) => `时间线（${p.tz}）`,
    when: (p) => `触发：${p.trigger}`,
    forPeople: (p) => `人工待办（${p.n}）`,
    by: (p) => `（${p.due} 前完成）`,
    runApply: '运行 `livectl apply` 执行这些变更。',
    saved: (p) => `\n计划已保存到 ${p.out}：\`livectl apply ${p.out}\` 会原样执行它。\n`,
    summary: (p) =>
      `计划：新建 ${p.create} 项，更新 ${p.update} 项，删除 ${p.delete} 项，等待审核 ${p.wait} 项，需人工 ${p.human} 项。`,
    postersPreview: '预览码',
    postersReal: 'apply 生成的正式小程序码',
    postersMixed: (p) => `${p.real} 张用正式小程序码，${p.preview} 张用预览码`,
    posters: (p) => `海报：已生成 ${p.n} 张（${p.how}）；打开 ${p.sheet} 查看整场活动。\n`,
  },
  doctor: {
    fix: '解决：',
    problems: (p) => `${p.n} 个问题待解决`,
    allGood: '一切正常',
    tally: (p) => `（通过 ${p.ok} 项，警告 ${p.warn} 项，跳过 ${p.skip} 项）`,
  },
  commander: {
    usage: '用法：',
    options: '选项：',
    commands: '命令：',
    arguments: '参数：',
    globalOptions: '全局选项：',
    help: '显示命令帮助',
    version: '显示版本号',
    lang: '文案语言：zh-CN | en（默认：$LIVECTL_LANG，否则按系统语言环境）',
    default: '（默认：',
  },
};

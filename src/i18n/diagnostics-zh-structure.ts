import type { STRUCTURE_CODES } from '../diagnostics/codes.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { ZhRender } from './diagnostics-types.js';

/** The last name in a path: `products[0].price` → price. */
const last = (path: readonly (string | number)[]) => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return formatPath(path);
};

const TYPES: Record<string, string> = {
  text: '文本',
  'a string': '文本',
  'a number': '数字',
  number: '数字',
  'a list': '列表',
  list: '列表',
  'a mapping': '映射（键: 值）',
  mapping: '映射（键: 值）',
  'true or false': 'true 或 false',
  'a boolean': 'true 或 false',
  null: '空值（null）',
};
const typ = (s: string | number | undefined) => (s === undefined ? '' : (TYPES[String(s)] ?? String(s)));

const CMP: Record<string, string> = {
  'at least': '至少',
  'more than': '大于',
  'at most': '至多',
  'less than': '小于',
};
const UNIT: Record<string, string> = { items: ' 项', characters: ' 个字符', '': '' };

/** Before the rules: the file, its YAML, its shape. */
export const ZH_STRUCTURE: Partial<Record<(typeof STRUCTURE_CODES)[number], ZhRender>> = {
  E_FILE_NOT_FOUND: () => ({ message: '文件不存在', hint: '检查路径和文件名的拼写。' }),
  E_FILE_UNREADABLE: (a) => ({
    message: a.ref === undefined ? '无法读取文件' : `无法读取 "${a.ref}"`,
    hint: '检查文件权限。',
  }),
  E_NOT_A_FILE: () => ({ message: '这不是一个普通文件（是文件夹？）', hint: '请给出文件本身。' }),
  E_FILE_TOO_LARGE: () => ({
    message: '文件太大，活动文件最多 1 MB',
    hint: '确认是不是选错了文件？活动文件通常只有几 KB。',
  }),
  E_NOT_TEXT: () => ({ message: '这是二进制文件，不是 YAML 文本', hint: '请给出 YAML 格式的活动文件。' }),
  E_ENCODING: () => ({
    message: '文件不是 UTF-8 编码',
    hint: '把文件另存为 UTF-8（大多数编辑器里：“以某种编码保存” → UTF-8；GBK/GB2312 文件需要转换）。',
  }),
  E_EMPTY_FILE: () => ({
    message: '文件是空的：活动文件至少需要 apiVersion、kind、metadata、accounts 和 room',
    hint: '可以从 `livectl init` 或 campaigns/minimal.yaml 开始。',
  }),
  E_YAML_TOO_DEEP: () => ({ message: 'YAML 嵌套层级过深', hint: '减少嵌套层级。' }),
  E_YAML_ALIAS_BOMB: () => ({
    message: '别名（*name）展开后的值太多',
    hint: '把值直接写出来，不要在带锚点的列表和映射里嵌套别名（*name）。',
  }),
  E_YAML_SYNTAX: (_a, d) => ({
    message: `YAML 语法错误：${d.message.replace(/^YAML could not be (parsed|read): /, '')}`,
  }),
  E_CONTROL_CHAR: () => ({
    message: '文本里有控制字符或双向控制符',
    hint: '删掉它：控制字符和双向控制符不会按原样显示（编辑器可能把它们藏起来了，重新输入这段文字）。',
  }),
  E_INVISIBLE_TEXT: () => ({ message: '这段文本只有不可见的（零宽）字符', hint: '请写上看得见的文字。' }),
  E_UNKNOWN_KEY: (a, d) => ({
    message: `未知的键 "${a.key ?? last(d.path)}"${a.guess ? `，你是不是想写 "${a.guess}"？` : ''}`,
    hint: a.guess ? `把 "${a.key}" 改成 "${a.guess}"。` : `这里允许的键：${a.allowed ?? ''}。`,
  }),
  E_REQUIRED: (a, d) => {
    const message = `缺少必填字段 "${a.field ?? last(d.path)}"${a.choices ? `（可选：${a.choices}）` : ''}`;
    if (a.kind === 'miniProgram')
      return {
        message: `${message}（platform: mini-program）`,
        hint: '添加 accounts.miniProgram.appId：承载直播间的小程序（或设置 platform: channels）。',
      };
    if (a.kind === 'page')
      return {
        message: `商品 ${a.product} 缺少必填字段 "page"（platform: mini-program）`,
        hint: '给出商品在小程序里的页面，例如 pages/goods/detail?id=520。',
      };
    return { message };
  },
  E_TYPE: (a, d) => ({
    message:
      a.expected !== undefined
        ? `${a.field ?? formatPath(d.path)} 应为${typ(a.expected)}，而不是${typ(a.got)}`
        : `${formatPath(d.path)} 的结构不对`,
  }),
  E_VALUE: (a, d) => ({
    message: `${a.field ?? last(d.path)} 只能是 ${a.allowed}，收到的是 ${a.got}${a.guess ? `（你是不是想写 "${a.guess}"？）` : ''}`,
  }),
  E_FORMAT: (a, d) => ({
    message:
      a.kind === 'channel-name'
        ? `渠道名称 "${a.name}" 只能由小写字母、数字和 "-" 组成`
        : `${a.field ?? formatPath(d.path)} 的格式不对${a.detail ? `：${a.detail}` : ''}`,
  }),
  E_RANGE: (a, d) => ({
    message: `${a.field ?? formatPath(d.path)} 必须${CMP[String(a.cmp)] ?? String(a.cmp)} ${a.bound}${UNIT[String(a.what ?? '')] ?? ''}`,
  }),
  E_CHANNEL_TYPE: (a) => ({
    message:
      a.kind === 'missing'
        ? `渠道 "${a.name}" 没有类型：名称不是渠道类型，也没有写 "type:"${a.guess ? `（你是不是想写 "${a.guess}"？）` : ''}`
        : `渠道 "${a.name}" 的类型 "${a.type}" 不存在${a.guess ? `（你是不是想写 "${a.guess}"？）` : ''}`,
    hint: `渠道类型：${a.types ?? 'wecom-groups、wecom-moments、official-account、subscribe-message、robot、live-followers'}。`,
  }),
  E_SHAPE: (a, d) => ({
    message: `${a.field ?? formatPath(d.path)} 的结构不对${a.detail ? `：${a.detail}` : ''}`,
  }),
};

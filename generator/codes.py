"""The catalogue of problem codes: one entry per code, permanent once published.

A code names one kind of mistake for good: secretaries search for it, CI logs
quote it. Never reuse or renumber a code; retire it instead. The secretaries'
guide and `gongshi check --explain` are generated from this table.

Areas: G0xx files and YAML, G1xx structure, G2xx money, G3xx votes, G4xx
publicity, G5xx organizations and the pilot plans' figures (Party members, mediation
cases, pilot steps, surveys), G6xx volunteer schedules, G7xx privacy,
G8xx history, G9xx the checker itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Severity, Span
from generator.i18n import Message
from generator.privacy import mask_personal_numbers


@dataclass(frozen=True)
class Code:
    """A permanent problem code and its explanation for the secretaries' guide."""

    code: str
    title: str
    severity: Severity
    what: str
    why: str
    bad: str
    fix: str

    def at(self, span: Span, message: str, record_id: str | None = None) -> Diagnostic:
        """A diagnostic of this code; any personal number quoted in the message is masked."""
        masked = (
            message.map_values(mask_personal_numbers)
            if isinstance(message, Message)
            else mask_personal_numbers(message)
        )
        return Diagnostic(self.code, self.severity, span, masked, record_id)


E, W = Severity.ERROR, Severity.WARNING

G001 = Code(
    "G001",
    "YAML 格式错误",
    E,
    "文件能否按 YAML 的规则读懂：冒号、缩进、引号、括号。",
    "读不懂的文件里的记录全部无法公示。",
    "description: 时间: 上午九点",
    'description: "时间: 上午九点"',
)
G002 = Code(
    "G002",
    "字段重复",
    E,
    "同一层里是否把一个字段写了两次。",
    "YAML 只保留最后一个，另一个数字会悄悄消失，公示内容就和你写的不一样。",
    "amount: 120.00\namount: 210.00",
    "amount: 210.00",
)
G003 = Code(
    "G003",
    "用了 Tab 缩进",
    E,
    "行首缩进里是否有 Tab 字符。",
    "YAML 不允许 Tab 缩进，不同编辑器里 Tab 宽度也不同，层级会错乱。",
    "entries:\n\t- date: 2026-01-05",
    "entries:\n  - date: 2026-01-05",
)
G004 = Code(
    "G004",
    "文件不是 UTF-8 编码",
    E,
    "文件是否以 UTF-8 编码保存（开头带 BOM 也可以）。",
    "GBK 编码的中文在网站上会变成乱码。",
    "（用 Windows 记事本以 ANSI/GBK 保存的文件）",
    "用记事本“另存为”，编码选 UTF-8。",
)
G005 = Code(
    "G005",
    "文件是空的",
    E,
    "文件里是否有内容（只有注释也算空）。",
    "空文件多半是忘了保存或误建的文件。",
    "# 待填写",
    "填写记录内容，或删除这个文件。",
)
G006 = Code(
    "G006",
    "最外层不是“字段: 值”",
    E,
    "文件最外层是否为一组“字段: 值”。",
    "每个文件是一条记录，记录由字段组成。",
    "- id: lift-2026\n  title: 更换电梯",
    "id: lift-2026\ntitle: 更换电梯",
)
G007 = Code(
    "G007",
    "别名展开过多",
    E,
    "锚点和别名（& 与 *）展开后的规模。",
    "层层引用的别名可以让一个小文件展开成几十亿个值，拖垮生成过程。",
    "a: &a [1, 1]\nb: &b [*a, *a]\nc: [*b, *b]  # 再嵌套很多层",
    "直接写出内容，不用别名。",
)
G008 = Code(
    "G008",
    "文件过大",
    E,
    "单个文件的大小。",
    "一个文件只放一条记录；过大的文件多半是粘贴错了内容。",
    "（一个几十 MB 的账目文件）",
    "按季度或月份把账目分成多个文件。",
)
G009 = Code(
    "G009",
    "文件无法读取",
    E,
    "文件能否打开。",
    "打不开的文件里的记录无法公示。",
    "（没有读取权限的文件）",
    "检查文件权限或重新保存。",
)

G010 = Code(
    "G010",
    "嵌套层数太多",
    E,
    "列表和“字段: 值”一层套一层，是否超过 40 层。",
    "记录最多只有四五层；几百层的括号多半是粘贴错了，而且会让检查程序无法读完文件。",
    "entries: [[[[[[[[[[[[ …（几百个方括号）",
    "entries:\n  - {date: 2026-01-10, type: income, amount: 500.10}",
)
G011 = Code(
    "G011",
    "文件里的值太多",
    E,
    "一个文件里的值（字段、列表项）是否超过 100 万个（约 6 万条账目）。",
    "一个文件只放一条记录；上百万个值多半是粘贴错了内容，也会拖垮生成过程。",
    "（一个塞进几十万条账目的文件）",
    "按季度或月份把账目分成多个文件。",
)
G012 = Code(
    "G012",
    "看不见的控制字符",
    E,
    "文件里是否有看不见的控制字符（如 U+0007、U+001B），它们常随网页、微信、Excel 的文字一起被复制进来。",
    "YAML 不允许这些字符，整个文件都读不了；它们也会让网页和订阅出错。",
    "description: 一月停车费\u0007",
    "description: 一月停车费",
)
G013 = Code(
    "G013",
    "数字太长",
    E,
    "金额、面积、户数、天数、比例这样的数字是否超过了合理的位数（金额整数部分最多 18 位）。",
    "几十位、几千位的数字不可能是真实的账目或户数，多半是粘贴错了；过长的数字也会让计算出错或变慢。",
    "opening_balance: 12345678901234567890123456.78",
    "opening_balance: 12345.78",
)
G014 = Code(
    "G014",
    "数字用了科学计数法",
    E,
    "数字是否写成了 1e-5、1.2E+3 这样的科学计数法（从 Excel 复制时常见）。",
    "公示的数字要让居民一眼看懂；科学计数法既难读，又能把一个小数写成上亿位，拖垮检查。",
    "party_owner_ratio: 5e-1",
    "party_owner_ratio: 1/2",
)

G101 = Code(
    "G101",
    "缺少必填字段",
    E,
    "每类记录必须有的字段是否都写了。",
    "缺了字段，公示就不完整（例如账目没有期末余额）。",
    "account: party-funds\n# 缺少 closing_balance",
    "closing_balance: 12800.00",
)
G102 = Code(
    "G102",
    "取值不合要求",
    E,
    "字段的值是否是应有的类型和格式（整数、文字、列表、编号格式等）。",
    "格式不对的值无法计算，也无法正确显示。",
    "owners: 约三百户",
    "owners: 312",
)
G103 = Code(
    "G103",
    "字段名像是写错了",
    W,
    "格式里没有的字段名，是否像某个字段写错了：拼错一两个字母、大小写或全角半角不同、"
    "写成了字段的中文名（如“金额”），或缩进错了、写到了别的一层。"
    "不像任何字段的名字，是你自己加的字段，照常保留，不检查、不显示，也不提示。",
    "写错的字段不会被读取：你以为公示了，其实没有。",
    "closing_balence: 100.00",
    "closing_balance: 100.00",
)
G104 = Code(
    "G104",
    "日期无效",
    E,
    "日期是否写成 2026-03-01 的格式，并且是日历上真实存在的日子。",
    "不存在的日期（如 2 月 30 日）无法计算公示期和余额。",
    "date: 2026-02-30",
    "date: 2026-02-28",
)
G105 = Code(
    "G105",
    "金额无效",
    E,
    "金额是否为不带单位、逗号的数字，最多两位小数。",
    "金额要精确到分地核算，写法不统一就无法核对。",
    "amount: 1,200元",
    "amount: 1200.00",
)
G106 = Code(
    "G106",
    "不是允许的选项",
    E,
    "只能从固定选项中选一个的字段（如 type、status、kind）。",
    "选项决定了记录如何核算和显示。",
    "type: 支出",
    "type: expense",
)
G107 = Code(
    "G107",
    "编号重复",
    E,
    "组织、事项的 id 是否唯一，排班文件有没有一模一样的两份。报在多出来的那个文件"
    "（“- 副本”“(1)”之类）上；两个文件内容完全相同时，副本里的其他提示不再重复。",
    "两个记录同一个编号，引用和网址就会指错；同一份排班写两遍，每个人都成了“同时排了两个班”。",
    "id: lift-2026   # 另一个文件里也是 lift-2026",
    "id: lift-2026-b",
)
G108 = Code(
    "G108",
    "引用不存在",
    E,
    "引用的组织、事项编号是否存在。",
    "引用断了，居民就看不到支出对应的决议或成员的兼职情况。",
    "matter: lift-2062",
    "matter: lift-2026",
)
G109 = Code(
    "G109",
    "文件不在约定的文件夹",
    W,
    "content/ 下的 YAML 文件是否放在 organizations、funds、matters、volunteers 之一。",
    "放错位置的文件不会被当成任何记录公示。",
    "content/2026-q1.yml",
    "content/funds/2026-q1.yml",
)
G110 = Code(
    "G110",
    "结束早于开始",
    E,
    "起止日期或时间是否先后颠倒。",
    "颠倒的期间无法核算，也会误导居民。",
    "period: {start: 2026-03-31, end: 2026-01-01}",
    "period: {start: 2026-01-01, end: 2026-03-31}",
)
G111 = Code(
    "G111",
    "编号和网站自动生成的文件重名",
    E,
    "组织、事项、账户的编号（id、account）是否和网站自己生成的文件同名，"
    "如各栏目的总览页 index、所有队伍合在一起的排班日历 volunteers/all.ics。",
    "同名的记录会顶替网站自己生成的页面（或被它顶替）：事项 index 会占掉重大事项总览页，"
    "海报上的二维码也会打开错的页面或打不开；志愿队编号 all 会占掉居民订阅的全部排班日历。",
    "id: index",
    "id: lift-renewal-2026",
)
G112 = Code(
    "G112",
    "名字是 Windows 的保留名",
    E,
    "content/ 下的文件和文件夹的名字，以及组织、事项、账户的编号，是否是 Windows 的设备名："
    "con、prn、aux、nul、com1–com9、lpt1–lpt9（不论大小写，带不带扩展名，如 con.yml）。",
    "Windows 不允许这样的文件名：用 Windows 电脑的人检出（下载）仓库时会出错；"
    "网站和海报按编号生成的文件（如 posters/matters/con.pdf）在 Windows 上也生成不了。",
    "id: con          # 或文件 content/matters/nul.yml",
    "id: con-meeting-2026",
)
G113 = Code(
    "G113",
    "文件名里有 Windows 不允许的字符",
    E,
    'content/ 下的文件和文件夹的名字里是否有 < > : " | ? * 或控制字符，或以句点、空格结尾。',
    "Windows 不允许这些字符：用 Windows 电脑的人检出（下载）仓库时会出错，这个文件也就看不到了。"
    "（编号只能用小写字母、数字和连字符，不会有这个问题。）",
    "content/matters/电梯:2026.yml",
    "content/matters/电梯-2026.yml",
)
G114 = Code(
    "G114",
    "链接指向项目以外",
    E,
    "content/ 下是否有链接（symlink，快捷方式）指向项目文件夹以外的文件或文件夹。",
    "那里的文件不在 git 仓库里：别人检出后看不到，网站也就和你电脑上的不一样；"
    "它还可能把电脑上不该公开的文件公开出去。这样的链接不会被读取，也不会公示。",
    "content/matters/lift.yml → /home/secretary/下载/lift.yml",
    "删除链接，把 lift.yml 本身复制到 content/matters/。",
)
G115 = Code(
    "G115",
    "链接断了或绕成了圈",
    E,
    "content/ 下的链接（symlink）指向的文件是否存在、是否绕回了自己所在的文件夹；"
    "应是文件夹的 content/funds 等是否成了一个普通文件（Windows 上的 Git 会把链接检出成这样）。",
    "读不到的链接里的记录全部不会公示；以前这种情况不报错，账目会悄悄消失。",
    "content/funds → ../archive/funds（archive 已删除）",
    "删除链接，把记录文件放进真正的 content/funds/ 文件夹。",
)
G116 = Code(
    "G116",
    "网址不是 http:// 或 https:// 开头",
    E,
    "site_config.yml 里 site → url（网址）是否以 https:// 或 http:// 开头。",
    "网址是每一页的链接、订阅和海报二维码的起点；没有开头的 https:// 就不是网址，"
    "网站生成不了，二维码也扫不开。",
    "site:\n  url: cuihu.example.org",
    "site:\n  url: https://cuihu.example.org/",
)
G117 = Code(
    "G117",
    "网址里有不允许的字符",
    E,
    "网址里是否有空格、引号、尖括号、反斜杠、换行等控制字符，或中文、全角字符。",
    "网址会写进每一页的代码里：这些字符能把网页“撑破”，让别人塞进去的脚本在居民的手机上运行；"
    "全角字符（如中文输入法打出的“：”“／”）则让网址打不开。",
    "site:\n  url: 'https://cuihu.example.org/\"><script>alert(1)</script>'",
    "site:\n  url: https://cuihu.example.org/",
)
G118 = Code(
    "G118",
    "网址的域名或格式不对",
    E,
    "网址是否有正确的域名（如 cuihu.example.org），且不带用户名、问号（?）后的参数或井号（#）后的部分。",
    "域名写错，居民扫码打开的就是别人的网站或打不开；参数和井号会让每一页的链接都出错。",
    "site:\n  url: https://cuihu..example.org/?from=wechat",
    "site:\n  url: https://cuihu.example.org/",
)
G119 = Code(
    "G119",
    "网址太长",
    E,
    "网址是否超过 200 个字符。",
    "每份海报的二维码都包含网址：太长的网址放不进二维码，或者密得扫不出来。",
    "site:\n  url: https://cuihu.example.org/（后面又粘贴了几百个字符）",
    "site:\n  url: https://cuihu.example.org/",
)
G120 = Code(
    "G120",
    "只能写一行的地方换了行",
    E,
    "名称、标题、职务、地点、类别、对方、成员姓名这样只写一行的字段里是否有换行"
    "（summary、note 这样的说明文字可以分段，不在此列）。",
    "名称和标题会写进订阅、日历、表格和海报的标题行：换行会让日历文件出错、网站生成失败，"
    "或者把一个名称拆成两行显示。",
    "name: |\n  翠湖花园小区\n  文体活动志愿宣传队",
    "name: 翠湖花园小区文体活动志愿宣传队",
)
G121 = Code(
    "G121",
    "文字里有看不见的控制字符",
    E,
    "任何文字里是否有看不见的控制字符（如 U+0007、U+001B），包括在双引号里用 \\x07、\\e "
    "这样的转义写出来的；Tab 和说明文字里的换行不算。",
    "订阅（RSS、Atom）和日历放不下这些字符，网站会生成失败；它们在网页上也看不见，"
    "居民读到的和你写的不一样。",
    'title: "更换 5 栋电梯\\x07"',
    "title: 更换 5 栋电梯",
)
G122 = Code(
    "G122",
    "名称或标题是空的",
    E,
    "组织、成员、账目、事项、文件、小区的名称（name）和标题（title）是否写了内容"
    "（只有空格或看不见的字符也算空）。",
    "名称和标题是网页、订阅和海报的标题：空的标题生成不了订阅，居民也不知道这是什么。",
    'title: ""',
    "title: 9 栋北侧绿地改建停车位",
)
G123 = Code(
    "G123",
    "记录的网址放不进海报的二维码",
    E,
    "网址（site → url）加上最长的记录页面路径和校验码（?code=K7QD-3M9X），是否放得进海报上的"
    "二维码（纠错等级 M、最大版本 10，约 213 个字符）。",
    "海报上的二维码太密，居民的手机就扫不出来，海报和网站也就对不上了。",
    "site:\n  url: https://cuihu.example.org/（后面又加了一百多个字符的文件夹）/",
    "site:\n  url: https://cuihu.example.org/",
)
G124 = Code(
    "G124",
    "引用的记录本身有错误",
    W,
    "引用的组织、事项或账户所在的文件是否因为自身的错误（编码、YAML 格式、缺少字段……）没能读入。"
    "这时引用它的地方不再逐条报“找不到”，只在第一处提醒一次。",
    "一个文件出错，引用它的十几处都报“找不到”，还会建议改成别的编号——照着改反而会改错。"
    "只要改好那个文件，这些引用自然就对了。",
    "（owners-committee.yml 用 GBK 编码保存，而 9 个文件里有 17 处写着 owners-committee）",
    "按那个文件自己的错误提示改好它；引用它的地方不用改。",
)
G125 = Code(
    "G125",
    "列表项前面少了“- ”",
    E,
    "列表里是否有一项忘了写开头的“- ”：它会和上一项并成一项，字段就“重复”了。",
    "少了“- ”，两个人（或两笔收支）会被当成一个，前一项的内容被后一项悄悄顶掉。",
    "members:\n  - name: 刘志坚\n    role: 主任\n    name: 许美玲\n    role: 副主任",
    "members:\n  - name: 刘志坚\n    role: 主任\n  - name: 许美玲\n    role: 副主任",
)
G126 = Code(
    "G126",
    "同一本账有两份",
    E,
    "是否有两个账目文件写的是同一个账户、同一个期间（多半是复制出来的副本）。",
    "同一期的账记两遍，上下期就衔接不上，引用事项的支出也会算两次，看起来超了预算。",
    "（content/funds/ 里既有 public-income-2026-q2.yml，又有 public-income-2026-q2 - 副本.yml）",
    "删除多余的那份；若两份内容不同，先把正确的内容合到一份里。",
)
G127 = Code(
    "G127",
    "编号写错了：引用它的地方用的是文件名",
    E,
    "一个组织或事项的编号（id）和它的文件名不一致，而引用它的地方写的都是文件名：多半是编号拼错了。",
    "编号一错，引用它的每一处都会变成“找不到”；照着“是不是……”去改引用，就会把对的改成错的。",
    "# 文件 owners-committee.yml 里\nid: owners-comittee",
    "id: owners-committee",
)
G128 = Code(
    "G128",
    "文件链接不是完整的网址",
    E,
    "事项的相关文件（documents）里的 url 是否是以 https:// 或 http:// 开头的完整网址。",
    "网站只发布由记录生成的页面和海报，不附带别的文件：写成 files/合同.pdf 这样的路径，"
    "居民点开是空白页，网站也生成不了。",
    "documents:\n  - title: 电梯更换合同\n    url: files/lift-contract.pdf",
    "documents:\n  - title: 电梯更换合同\n    file: documents/lift-contract.pdf",
)
G129 = Code(
    "G129",
    "找不到记录里写的文件",
    E,
    "相关文件（documents）的 file 写的文件是否在 content/documents/ 里，文件名的大小写和扩展名是否一字不差。",
    "居民点开合同、验收记录，看到的应该是文件本身；文件不在，网站上的链接就打不开。"
    "网站在 Linux 上生成，Lift.PDF 和 lift.pdf 是两个不同的文件。",
    "documents:\n  - title: 电梯采购及安装合同\n    file: documents/lift-contract.pdf\n"
    "# 文件夹里实际是 lift-contract-2026.pdf",
    "documents:\n  - title: 电梯采购及安装合同\n    file: documents/lift-contract-2026.pdf",
)
G130 = Code(
    "G130",
    "文件不能发布到网站",
    E,
    "file 写的是否是 content/documents/ 里的 PDF、PNG、JPG 或 WEBP 文件。",
    "网站只发布 documents 文件夹里、居民手机能直接打开的文件：记录文件、设置和别的资料不会被误发布，"
    "Word、Excel 文件在很多老人的手机上打不开。",
    "documents:\n  - title: 验收记录\n    file: 验收记录.docx",
    "documents:\n  - title: 验收记录\n    file: documents/lift-acceptance-2027.pdf",
)

FOLLOW_ON_CODES = frozenset({"G124"})
"""Codes that only point at a root cause reported elsewhere: never the one to explain first."""


def first_root_cause(diagnostics: Sequence[Diagnostic]) -> str:
    """The code to explain first: the first error that is not a follow-on, else the first problem."""
    roots = [d for d in diagnostics if d.code not in FOLLOW_ON_CODES] or list(diagnostics)
    return next((d for d in roots if d.is_error), roots[0]).code


G201 = Code(
    "G201",
    "账目不平",
    E,
    "期初余额 + 收入合计 − 支出合计 是否等于期末余额，精确到分。",
    "账不平是居民最关心的问题：差一分钱也要说清楚。",
    "opening_balance: 100.00\n# 收入 50.00，支出 20.00\nclosing_balance: 130.01",
    "closing_balance: 130.00",
)
G202 = Code(
    "G202",
    "上下期余额不衔接",
    E,
    "同一账户上一期的期末余额是否等于下一期的期初余额。",
    "两期之间对不上的钱去了哪里，居民有权知道。",
    "# 一季度 closing_balance: 5000.00\n# 二季度 opening_balance: 4800.00",
    "二季度 opening_balance: 5000.00",
)
G203 = Code(
    "G203",
    "余额与对账不符",
    E,
    "balance_checks 中写明的银行对账单或现金盘点余额，是否等于当天结束时的账面余额。",
    "账面和银行对不上，说明漏记、错记了流水。",
    "balance_checks:\n  - {date: 2026-01-31, balance: 900.00, source: 银行对账单}",
    "补记漏掉的流水，或更正对账余额。",
)
G204 = Code(
    "G204",
    "支出超出事项预算",
    E,
    "引用同一重大事项的支出合计是否超过该事项的预算。",
    "超预算花钱需要重新表决或说明。",
    "budget: 100000.00\n# 各期引用它的支出合计 120000.00",
    "核对支出，或按程序调整预算后更新 budget。",
)
G205 = Code(
    "G205",
    "流水日期不在本期内",
    E,
    "每笔流水的日期是否落在账目的 period 之内。",
    "跨期记账会让两期的余额都不对。",
    "period: {start: 2026-01-01, end: 2026-03-31}\nentries:\n  - date: 2026-04-02",
    "把这笔流水移到二季度的账目里。",
)
G206 = Code(
    "G206",
    "账期有缺口或重叠",
    E,
    "同一账户的各期账目是否首尾相接：下一期从上一期结束的次日开始。",
    "缺口里的收支没有公示，重叠的日子会被记两次。",
    "# 一季度到 2026-03-31，二季度却从 2026-04-05 开始",
    "二季度 period.start: 2026-04-01",
)
G207 = Code(
    "G207",
    "支出引用的事项尚未通过",
    W,
    "引用重大事项的支出，该事项是否已经表决通过（或已在实施、已完成）。",
    "未经业主表决就动用公共资金，需要说明理由。",
    "matter: lawn-parking   # 状态仍是 voting",
    "等表决通过后再记支出，或更正引用的事项。",
)
G208 = Code(
    "G208",
    "金额大得不合理",
    E,
    "金额、余额、预算、收费标准和账目的收支合计是否达到了一万亿元（10¹² 元）。",
    "一个小区的钱不可能这么多，多半是多打或粘贴了几位数字；海报上的大写金额也写不出这么大的数。",
    "budget: 16800000000000000.00",
    "budget: 168000.00",
)
G209 = Code(
    "G209",
    "维修资金支出没有依据事项",
    E,
    "专项维修资金账户（kind: maintenance_fund）的每一笔支出是否用 matter 写明了批准它的重大事项；"
    "按应急使用程序的支出写 emergency: true。",
    "使用维修资金须经业主共同决定（《民法典》第二百七十八条第一款第五项），居民要能从每一笔支出"
    "查到是哪次表决同意的。",
    "kind: maintenance_fund\nentries:\n  - type: expense\n    category: 电梯更换\n    amount: 286620.00",
    "kind: maintenance_fund\nentries:\n  - type: expense\n    category: 电梯更换\n    amount: 286620.00\n"
    "    matter: lift-replacement-2026",
)
G210 = Code(
    "G210",
    "维修资金支出的事项没有经表决同意使用维修资金",
    E,
    "专项维修资金的支出引用的事项，是否按《民法典》第二百七十八条第一款第五项（使用维修资金）表决，"
    "票数达到法定门槛（参与表决双三分之二以上、同意双过半），并在支出之前公布了通过的最终结果。",
    "维修资金是业主的钱，没有经过业主表决同意就支出，业主可以要求追回；"
    "应急使用（如屋面渗漏、电梯故障危及人身安全）另有程序，要写 emergency: true。",
    "# roof-waterproofing-2026 还在公示，没有表决\nmatter: roof-waterproofing-2026",
    "# 表决通过、公布最终结果以后再支出；确属应急维修的写\nemergency: true",
)


G301 = Code(
    "G301",
    "表决结果与票数不符",
    E,
    "按《民法典》第二百七十八条，用票数重新计算表决结果，与 decision.result 是否一致。",
    "公布的结果必须经得起任何一位业主用计算器核对。",
    "agreed: {owners: 150, area_m2: 15000}\n# 参与 320 户，未过半\nresult: approved",
    "result: rejected",
)
G302 = Code(
    "G302",
    "参与表决的多于有表决权的",
    E,
    "参与表决的户数、面积是否不超过有表决权的户数、面积。",
    "参与人数超过业主总数说明统计有误。",
    "eligible: {owners: 500, ...}\nparticipated: {owners: 520, ...}",
    "核对参与人数。",
)
G303 = Code(
    "G303",
    "票数加总不符",
    E,
    "同意、反对、弃权之和是否等于参与表决的户数和面积。",
    "票数加起来对不上，结果就不可信：多出来或少掉的票去了哪里，居民有权知道。",
    "participated: {owners: 400}\nagreed: {owners: 300}\nopposed: {owners: 150}",
    "核对各项票数。",
)
G304 = Code(
    "G304",
    "表决类型与法条项不符",
    E,
    "vote.kind 是否与第二百七十八条的项对应：第六至八项为 special（双四分之三），其余为 ordinary（双过半）。",
    "类型决定通过门槛，写错会导致结论错误。",
    "item: 8\nkind: ordinary",
    "item: 8\nkind: special",
)
G305 = Code(
    "G305",
    "有表决权的户数、面积与小区不符",
    W,
    "eligible 是否与 site_config.yml 中小区的业主户数、专有部分总面积一致。",
    "分母小了，门槛就低了。",
    "eligible: {owners: 900, area_m2: 90000}  # 小区共 1286 户",
    "eligible: {owners: 1286, area_m2: 128650.40}",
)
G306 = Code(
    "G306",
    "状态与表决结果矛盾",
    E,
    "status 与 decision.result 是否一致（如结果未通过，状态却是 approved）。",
    "状态一眼可见，必须和表决结果一致。",
    "status: approved\ndecision: {result: rejected}",
    "status: rejected",
)
G307 = Code(
    "G307",
    "缺少表决或公示信息",
    E,
    "处于公示、表决、通过、否决等状态的事项，是否写了相应的 publicity、vote、decision。",
    "没有票数和日期的“已通过”，居民无从核对。",
    "status: approved\n# 没有 vote 和 decision",
    "补上 vote 与 decision。",
)
G308 = Code(
    "G308",
    "询异期未满就公布了最终结果",
    E,
    "写了初步结果（decision.preliminary）的最终结果，是否在询异期结束之后才作出：询异期从初步结果张贴的"
    "第二天起算，满 rules.objection_days 日，末日逢法定休假日顺延到其后第一个工作日"
    "（《民法典》第二百零一条、第二百零三条）。",
    "询异期是留给业主核对票数、提出异议的时间；期限没到就定案，异议还没来得及提就被关在门外了。",
    "decision:\n  stage: final\n  date: 2026-11-15     # 询异期到 11 月 18 日才结束\n"
    "  preliminary: {date: 2026-11-10, published: 2026-11-11, result: approved}",
    "最终结果的 date 写询异期结束以后的日期（如 2026-11-19）；还在询异期内的，写 stage: preliminary。",
)
G309 = Code(
    "G309",
    "最终结果与初步结果不同却没有说明",
    W,
    "最终结果的结论或票数（参与、同意、反对、弃权）与 decision.preliminary 中公布过的初步结果不同时，"
    "是否写了 decision.explanation，或对相应数字写了更正记录（corrections）。",
    "询异期后复核改票是正常的，但居民看过初步结果，有权知道哪张票为什么变了；不加说明的改动像是暗中改票。",
    "preliminary: {result: approved, agreed: {owners: 771, area_m2: 76508.93}}\n"
    "# vote.agreed 却是 769 户，没有说明",
    "在 decision 下写 explanation: 询异期内复核，剔除重复投票 2 张（户数以最终结果为准）。",
)
G310 = Code(
    "G310",
    "询异期的节假日安排未知",
    W,
    "询异期所在年份的法定节假日安排是否已知（节假日数据包或 site_config.yml 的 holiday_calendar）。",
    "末日逢节假日要顺延；不知道哪天放假，就算不出异议截止日，不能猜。",
    "decision:\n  stage: preliminary\n  date: 2027-01-28     # 询异期跨进还没公布安排的 2027 年",
    "在 site_config.yml 的 holiday_calendar 中写上国务院公布的该年放假和调休日期。",
)
G311 = Code(
    "G311",
    "表决无效写成了未通过",
    E,
    "decision.result 为 quorum_not_met（参与表决人数不足，表决无效）时，status 是否写成了 rejected（未通过）。",
    "参与人数不足三分之二，这次表决不算数，业主既没有同意也没有否决；写成“未通过”，海报标题和网站都会说"
    "业主否决了这件事，与结果框里的“表决无效”自相矛盾，也会让人以为不能再提。",
    "status: rejected\ndecision: {date: 2026-02-10, result: quorum_not_met}",
    "status: proposed     # 方案待重新提交表决；已放弃的写 withdrawn，正在重新表决的写 voting",
)

G401 = Code(
    "G401",
    "公示期不足",
    E,
    "公示期是否达到 rules.publicity_min_days：按《民法典》第二百零一条首日不计入，"
    "第二百零三条末日逢法定休假日顺延至其后第一个工作日。",
    "公示期太短，业主来不及看到、提出异议。",
    "publicity: {start: 2026-09-30, end: 2026-10-07}  # 7 日期满在国庆假期内",
    "publicity: {start: 2026-09-30, end: 2026-10-08}  # 顺延到假期后第一个工作日",
)
G402 = Code(
    "G402",
    "节假日安排未知",
    W,
    "公示期所在年份的法定节假日安排是否已知（节假日数据包或 site_config.yml 的 holiday_calendar）。",
    "不知道哪天放假，就算不准公示期，不能猜。",
    "publicity: {start: 2027-01-20, end: 2027-02-05}",
    "在 site_config.yml 的 holiday_calendar 中写上国务院公布的该年放假和调休日期。",
)
G403 = Code(
    "G403",
    "决定公布过晚",
    E,
    "表决结果是否在作出决定后 rules.decision_publish_days 日内公布（decision.published）。",
    "业主有权及时知道决定。",
    "decision: {date: 2026-05-10, published: 2026-05-20}",
    "decision: {date: 2026-05-10, published: 2026-05-12}",
)

G404 = Code(
    "G404",
    "节假日补充不完整",
    W,
    "site_config.yml 的 holiday_calendar 中某年的放假日是否完整：《全国年节及纪念日放假办法》规定的"
    "元旦（1 月 1 日）、劳动节（5 月 1、2 日）、国庆节（10 月 1 至 3 日）必须在内，且全年至少 13 个放假日。",
    "只填了部分节日，其余节日会被当成工作日，公示期会算短，却不会有任何提示。",
    "holiday_calendar:\n  2027:\n    rest_days: [2027-01-01]  # 只有元旦",
    "按国务院办公厅的通知，逐日填写该年全部放假日和调休上班日。",
)

G501 = Code(
    "G501",
    "组织人数不合规定",
    E,
    "党组织、业委会、监委会的成员人数是否在 rules 规定的范围内。",
    "人数不足无法正常议事，试点方案对人数有明确要求。",
    "kind: supervisory_committee\nmembers: [一人, 两人]",
    "监督委员会设委员 3 至 5 名。",
)
G502 = Code(
    "G502",
    "监委会成员兼职",
    E,
    "监督委员会成员是否同时在业委会或物业公司任职。",
    "监督者不能监督自己：试点方案要求监委会委员原则上不在业委会和物业公司兼职。",
    "also: [owners-committee]",
    "去掉兼职，或更换监委会成员。",
)
G503 = Code(
    "G503",
    "党组织班子中业主党员比例不足",
    E,
    "小区党组织班子成员中，业主或业委会委员中的党员是否达到 rules.party_owner_ratio（默认 50%）。",
    "试点方案要求班子成员中业主和业委会中的党员比例达到 50% 以上。",
    "members:\n  - {name: 甲, owner: false}\n  - {name: 乙, owner: false}",
    "调整班子组成，或如实标注 owner: true。",
)
G504 = Code(
    "G504",
    "任期或合同即将到期",
    W,
    "组织任期或物业合同是否在 rules.term_warning_days（默认 90 天）内到期。",
    "换届选举和续聘要提前筹备、公示。",
    "term: {start: 2021-12-01, end: 2026-12-31}",
    "启动换届或续聘程序，并在事项中公示。",
)
G505 = Code(
    "G505",
    "任期或合同已到期",
    W,
    "组织任期或物业合同是否已经结束。",
    "过期的组织还在履职，需要说明。",
    "term: {start: 2020-01-01, end: 2025-12-31}",
    "完成换届后更新 term。",
)

G510 = Code(
    "G510",
    "报到党员多于非在册党员",
    E,
    "party_members（党员情况）的已报到人数 reported 是否不多于非在册党员 unregistered："
    "到小区党组织报到的，是组织关系不在本小区、住在本小区的党员。",
    "报到的人比能报到的人还多，说明有一个数写错了，公示出去的党员底数就不可信。",
    "party_members:\n  unregistered: 31\n  reported: 36",
    "party_members:\n  unregistered: 36\n  reported: 31",
)
G511 = Code(
    "G511",
    "调解件数加起来不对",
    E,
    "调解情况（cases）每一期按事务层级（by_level）和按结果（by_outcome）分的件数，"
    "加起来是否都等于受理件数 received。",
    "分项对不上总数，居民无从判断哪个数是真的，也可能漏登了案件。",
    "received: 12\nby_level: {neighbors: 7, building: 3}",
    "received: 12\nby_level: {neighbors: 7, building: 3, estate: 2}",
)
G512 = Code(
    "G512",
    "试点步骤写了两次",
    E,
    "试点进度（pilot.steps）里同一个步骤是否写了两次。",
    "两个期限或两个完成日期，时间轴上不知道该显示哪一个。",
    "steps:\n  - {step: survey, deadline: 2025-10-31}\n  - {step: survey, deadline: 2025-11-30}",
    "steps:\n  - {step: survey, deadline: 2025-10-31}",
)
G513 = Code(
    "G513",
    "试点步骤逾期完成",
    W,
    "试点步骤的完成日期 completed 是否晚于方案要求的期限 deadline。",
    "逾期本身可以如实公示，但要写明原因，街道和居民才知道是怎么回事。",
    "- {step: strengthen_bodies, deadline: 2025-11-25, completed: 2026-06-22}",
    "- {step: strengthen_bodies, deadline: 2025-11-25, completed: 2026-06-22, "
    "note: 监委会候选人推荐用了半年，2026 年 6 月经业主表决产生}",
)
G514 = Code(
    "G514",
    "试点步骤过了期限还没完成",
    W,
    "已经过了期限 deadline、却没有写完成日期 completed 的试点步骤。",
    "拖着的步骤要让街道和居民看见；已经完成的，补上完成日期。",
    "- {step: review, deadline: 2026-06-30}",
    "- {step: review, deadline: 2026-06-30, completed: 2026-06-29}",
)
G515 = Code(
    "G515",
    "回收份数多于发放份数",
    E,
    "调查或自查评估的回收份数 responses 是否不多于发放份数 distributed。",
    "收回来的比发出去的还多，结果就不可信。",
    "distributed: 300\nresponses: 326",
    "distributed: 350\nresponses: 326",
)
G516 = Code(
    "G516",
    "选项人数多于回收份数",
    E,
    "每道题的回答是否不超过回收份数：单选题各选项人数之和、多选题每个选项的人数，"
    "都不能多于 responses。",
    "回答比答卷还多，多半是录错了数，图表上的比例也会超过 100%。",
    "responses: 326\nquestions:\n  - text: 您对物业服务是否满意？\n    kind: single\n"
    "    options:\n      - {label: 满意, count: 200}\n      - {label: 不满意, count: 140}",
    "responses: 326\nquestions:\n  - text: 您对物业服务是否满意？\n    kind: single\n"
    "    options:\n      - {label: 满意, count: 200}\n      - {label: 不满意, count: 126}",
)
G517 = Code(
    "G517",
    "老党员没有标为党员",
    W,
    "六老（six_elders）里写了 old_party_member（老党员）的成员，是否也写了 party_member: true。",
    "两处说法不一，组织页上的党员人数和六老人数就对不上。",
    "- {name: 黄德明, party_member: false, six_elders: [old_party_member]}",
    "- {name: 黄德明, party_member: true, six_elders: [old_party_member]}",
)

G601 = Code(
    "G601",
    "志愿者排班冲突",
    E,
    "同一位志愿者是否被排进了时间重叠的两个班次。",
    "排了人却到不了岗，居民会白跑一趟。",
    "两个班次都在周三 16:30–18:00，都有“王芳”",
    "调整其中一个班次的人员或时间。",
)
G602 = Code(
    "G602",
    "班次时间无效",
    E,
    "班次的起止时间是否写成 16:30 这样的格式，且结束晚于开始。",
    "时间不清楚，居民不知道几点来。",
    "start: 4点半",
    'start: "16:30"',
)
G603 = Code(
    "G603",
    "排班的队伍不是志愿服务队",
    E,
    "排班文件的 team 是否指向 kind 为 volunteer_team 的组织。",
    "排班要挂在具体的志愿服务队名下。",
    "team: owners-committee",
    "team: youth-tutoring",
)

G701 = Code(
    "G701",
    "公开内容含身份证号",
    E,
    "公示内容中是否有 18 位居民身份证号码（按 GB 11643 校验位识别）。",
    "身份证号属于个人敏感信息，公开会带来诈骗和冒用风险。",
    "description: 退还押金（张三 330106198001011234）",
    "description: 退还押金（3 栋住户）",
)
G702 = Code(
    "G702",
    "公开内容含个人手机号",
    E,
    "公示内容中是否有手机号码（site_config.yml 的 privacy.public_numbers 中登记为可公开的除外）。",
    "个人手机号公开后会招来骚扰和诈骗。",
    "contact: 王主任 13912345678",
    "contact: 业委会办公室 0731-8888 1234",
)
G703 = Code(
    "G703",
    "公开内容含银行卡号",
    E,
    "公示内容中是否有银行卡号（16–19 位且通过 Luhn 校验）。",
    "银行卡号公开有盗刷和诈骗风险。",
    "description: 转入 6222021234567890128",
    "description: 转入维修资金专户（尾号 0128）",
)
G704 = Code(
    "G704",
    "帮扶对象被具名",
    E,
    "帮扶、慰问、救助类收支（rules.aid_categories，或类别含 rules.aid_keywords 中的词）是否写了"
    "对方（counterparty）；这些收支的摘要、帮扶类志愿服务队（队名含这些词）的简介、职责、备注和"
    "班次，以及任何含这些词的句子里，是否出现了不是已公开组织成员的人名（用 jieba 分词的人名"
    "标注识别）。",
    "困难家庭的隐私和尊严要保护：公开帮扶只公开金额和户数。",
    "category: 扶贫帮困\ndescription: 慰问困难户李秀英",
    "description: 慰问困难家庭 1 户。志愿者、工作人员请先列为某个组织的成员。",
)
G705 = Code(
    "G705",
    "提交说明含个人信息",
    W,
    "git 提交说明（网站修订记录会显示）里是否有身份证号、手机号或银行卡号。",
    "修订记录把提交说明原样公开；网站会遮盖号码，但 git 历史里仍有原文。",
    'git commit -m "改正王主任电话 13912345678"',
    '今后写 git commit -m "改正联系电话"；如需从历史中删除，请维护者改写历史。',
)

G801 = Code(
    "G801",
    "已公布的数字被改动，没有更正记录",
    E,
    "与已提交（已公布）的版本相比，金额、余额、日期、票数、面积、预算、结果、成员或职务是否被改动或删除，"
    "而记录的 corrections 里没有写明。",
    "居民看到的数字一旦公布，就不能悄悄改动：改动必须留下原值、新值和原因，网站和公示单才能如实告诉居民。",
    "第三季度账目已提交后，把一笔 1200.00 改成 1020.00，却没有写 corrections。",
    "在这条记录的 corrections 里写一条：date（更正日期）、reason（原因）、field、old、new，"
    "照本条提示填写 field、old 和 new。",
)

G802 = Code(
    "G802",
    "更正记录的原值与已公布的不符",
    E,
    "corrections 里一条更正的 old 是否就是已公布版本中的值，new 是否就是改成的值。",
    "更正记录告诉居民改动前公布的是什么；写错原值，居民就无从核对。",
    "已公布的是 1200.00，更正记录却写 old: 1250.00。",
    "把 old 改成提示中已公布的值。",
)

G803 = Code(
    "G803",
    "更正记录找不到对应的改动",
    W,
    "corrections 里一条更正的 field 是否真的在已提交的历史中改动过。",
    "field 写错时，真正的改动可能仍没有更正记录；也可能这条更正是多余的。",
    "field: entries.30.amount   # 本期只有 12 笔收支",
    "照 gongshi check 对改动的提示填写 field（如 entries.3.amount）；多余的更正请删除。",
)

G820 = Code(
    "G820",
    "公示日志被改写",
    E,
    "gongshi build --previous-log 时，上次发布的公示日志里的每一条是否都还在 git 主分支的历史里："
    "同一个提交、同一个文件、同样的内容。",
    "公示日志只能往后加，已经发布的版本居民看过、海报印过。改写历史（git push --force、"
    "git commit --amend 或 rebase 改了已推送的提交、删掉提交）会让已经公示的内容悄悄消失或变样，"
    "居民的浏览器和海报都会发现对不上。网站没有生成，原来的网站保持不变。",
    "git commit --amend -m 改金额   # 改的是已经推送发布的提交\ngit push --force",
    "把原来的历史找回来（git reflog 里找到原来的提交，git reset --hard 它，再推送），"
    "然后把修改作为一个新的提交，并在记录的 corrections: 里写明更正。确实必须改写历史"
    "（例如删去误公开的个人信息）时，由维护者不带 --previous-log 重新生成，居民的浏览器会"
    "提示记录不一致，请同时在网站和公示栏上发布说明。",
)

G821 = Code(
    "G821",
    "无法核对上次的公示日志",
    E,
    "gongshi build --previous-log 指定的文件夹里是否有完整、有效的公示日志（检查点、哈希和条目"
    "互相对得上，签名与 log.public_key 相符），以及能否拿它和 git 历史核对。",
    "核对不了就无法保证这次发布没有改写已公示的内容，所以宁可不发布。网站没有生成，原来的网站"
    "保持不变。",
    "gongshi build --previous-log 旧网站   # 应写旧网站里的 log 文件夹\n"
    "git clone --depth 1 …   # 或者在浅克隆里生成",
    "写上次发布的网站的 log/ 文件夹，如 --previous-log 旧网站/log；第一次发布时不写 "
    "--previous-log。在 CI 里用完整的克隆（actions/checkout 加 fetch-depth: 0）。",
)

G822 = Code(
    "G822",
    "公示日志的签名密钥有误",
    E,
    "环境变量 GONGSHI_LOG_KEY 里的私钥格式是否正确，是否与 site_config.yml 的 log.public_key "
    "配对。",
    "用错的私钥签名，居民用公示的公钥验证不了检查点，会以为日志是别人伪造的。网站没有生成。",
    "GONGSHI_LOG_KEY=cuihu.example.org/log+1a2b3c4d+AQ…   # 这是公钥，不是私钥",
    "GONGSHI_LOG_KEY 应是 python -m generator.log.keys 打印的以 PRIVATE+KEY+ 开头的那一行；"
    "公钥写进 site_config.yml 的 log.public_key。",
)

G901 = Code(
    "G901",
    "检查程序出错",
    E,
    "某项检查在运行时出错。",
    "这是 Gongshi 的缺陷，不是你的错；其余检查照常进行。",
    "—",
    "请把这条信息和出错的文件报告给维护者。",
)

G902 = Code(
    "G902",
    "生成网站时出错",
    E,
    "生成网站的某一步（海报、页面、订阅、日历、搜索索引）是否出错。",
    "检查通过的内容本应都能生成网站；出错说明 Gongshi 漏了一项检查。网站没有生成，"
    "原来的网站保持不变。",
    "—",
    "请把这条信息（包括出错的步骤和记录）报告给维护者；也可以先改一改那条记录里不常见的写法再试。",
)

G903 = Code(
    "G903",
    "生成海报时出错",
    E,
    "gongshi print 生成海报时是否出错。",
    "检查通过的内容本应都能打印；出错说明 Gongshi 漏了一项检查。这次一张海报也没有写出，"
    "原来的海报保持不变。",
    "—",
    "请把这条信息（包括出错的记录）报告给维护者；也可以先改一改那条记录里不常见的写法再试。",
)

CATALOGUE: tuple[Code, ...] = tuple(
    value for name, value in sorted(globals().items()) if isinstance(value, Code)
)
"""Every code, in order: the single source for the guide and for `--format json` consumers."""

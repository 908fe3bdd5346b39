// Messages of the tutorial loader, `lint` and `list`. Every key has en and zh-CN.
// Problems are printed as `file:line:col message`, so messages start in lower case (en).
import { defineMessages } from '../catalog.js';

export const loaderMessages = defineMessages({
  // Files and folders
  'loader.noDir': { en: 'no such directory', 'zh-CN': '目录不存在' },
  'loader.notDir': { en: 'not a directory', 'zh-CN': '不是目录' },
  'loader.noTutorialYaml': {
    en: 'file not found: a tutorial folder needs a tutorial.yaml',
    'zh-CN': '文件不存在：教程目录中必须有 tutorial.yaml',
  },
  'loader.emptyFile': { en: 'the file is empty', 'zh-CN': '文件为空' },
  'loader.yamlError': { en: 'YAML syntax error: {message}', 'zh-CN': 'YAML 语法错误：{message}' },
  'loader.yamlWarning': { en: 'YAML warning: {message}', 'zh-CN': 'YAML 警告：{message}' },
  'loader.fileMissing': { en: '{path} does not exist', 'zh-CN': '{path} 不存在' },
  'loader.notRegularFile': { en: '{path} is not a regular file but {what}', 'zh-CN': '{path} 不是普通文件，而是{what}' },
  'loader.fileType.directory': { en: 'a directory', 'zh-CN': '目录' },
  'loader.fileType.fifo': { en: 'a named pipe (FIFO)', 'zh-CN': '命名管道（FIFO）' },
  'loader.fileType.socket': { en: 'a socket', 'zh-CN': '套接字' },
  'loader.fileType.device': { en: 'a device', 'zh-CN': '设备文件' },
  'loader.fileType.other': { en: 'something else', 'zh-CN': '其他类型的文件' },
  'loader.fileTooBig': {
    en: '{path} is too large: {size} bytes (at most {max})',
    'zh-CN': '{path} 太大：{size} 字节（最多 {max} 字节）',
  },
  'loader.fileEscapes': {
    en: '{path} resolves to {target}, outside the tutorial folder: a tutorial may only use its own files',
    'zh-CN': '{path} 实际指向 {target}，位于教程目录之外：教程只能使用自己目录中的文件',
  },
  'loader.fileNotUtf8': { en: '{path} is not UTF-8 text', 'zh-CN': '{path} 不是 UTF-8 文本' },
  'loader.tutorialTooBig': {
    en: '{path} not read: the tutorial\'s files together are more than {max} bytes',
    'zh-CN': '未读取 {path}：教程的文件合计超过 {max} 字节',
  },
  'loader.fileUnreadable': { en: '{path} cannot be read: {error}', 'zh-CN': '无法读取 {path}：{error}' },
  'loader.tooManyAliases': {
    en: 'more than {max} YAML aliases (*name): write the values out instead',
    'zh-CN': 'YAML 别名（*name）超过 {max} 个：请直接写出这些值',
  },
  'loader.unknownAlias': { en: 'the alias {alias} names no anchor (&name) before it', 'zh-CN': '别名 {alias} 之前没有对应的锚点（&name）' },
  'loader.aliasCycle': { en: 'the alias {alias} is inside the value it names', 'zh-CN': '别名 {alias} 位于它所指向的值内部' },
  'loader.aliasExpansion': {
    en: 'YAML aliases here expand to more than {max} extra values: write the values out instead',
    'zh-CN': '此处的 YAML 别名展开后多出超过 {max} 个值：请直接写出这些值',
  },

  // Keys and types
  'loader.unknownKey': { en: 'unknown key "{key}"{hint}', 'zh-CN': '未知的键 "{key}"{hint}' },
  'loader.didYouMean': { en: ' (did you mean "{suggestion}"?)', 'zh-CN': '（是否想写 "{suggestion}"？）' },
  'loader.badKey': { en: 'a key must be a plain name', 'zh-CN': '键必须是一个简单的名称' },
  'loader.missingKey': { en: '"{key}" is required', 'zh-CN': '缺少必填项 "{key}"' },
  'loader.noValue': { en: '"{field}" has no value', 'zh-CN': '"{field}" 没有值' },
  'loader.expectMap': { en: '"{field}" must be a map (key: value pairs)', 'zh-CN': '"{field}" 必须是映射（键：值）' },
  'loader.expectList': { en: '"{field}" must be a list', 'zh-CN': '"{field}" 必须是列表' },
  'loader.expectString': { en: '"{field}" must be a string', 'zh-CN': '"{field}" 必须是字符串' },
  'loader.expectBool': { en: '"{field}" must be true or false', 'zh-CN': '"{field}" 必须是 true 或 false' },
  'loader.expectCount': { en: '"{field}" must be a whole number of at least 1', 'zh-CN': '"{field}" 必须是不小于 1 的整数' },
  'loader.emptyString': { en: '"{field}" must not be empty', 'zh-CN': '"{field}" 不能为空' },
  'loader.emptyList': { en: '"{field}" must not be an empty list', 'zh-CN': '"{field}" 不能是空列表' },
  'loader.noSteps': { en: 'a tutorial needs at least one step', 'zh-CN': '教程至少需要一个步骤' },
  'loader.tooManySteps': { en: '{count} steps: a tutorial has at most {max}', 'zh-CN': '共 {count} 个步骤：教程最多只能有 {max} 个' },
  'loader.tooLong': {
    en: '"{field}" is too long: {chars} characters (at most {max})',
    'zh-CN': '"{field}" 太长：{chars} 个字符（最多 {max} 个）',
  },

  // Texts
  'loader.expectText': {
    en: '"{field}" must be a text in both languages: { en: "…", zh-CN: "…" }',
    'zh-CN': '"{field}" 必须是包含两种语言的文本：{ en: "…", zh-CN: "…" }',
  },
  'loader.textMissingLang': { en: '"{field}" has no "{lang}" text', 'zh-CN': '"{field}" 缺少 "{lang}" 文本' },
  'loader.textEmpty': { en: 'the "{lang}" text of "{field}" is empty', 'zh-CN': '"{field}" 的 "{lang}" 文本为空' },

  // Ids
  'loader.badId': {
    en: 'invalid id "{id}": use lowercase letters, digits and dashes, starting with a letter or digit',
    'zh-CN': '无效的 id "{id}"：只能使用小写字母、数字和连字符，并以字母或数字开头',
  },
  'loader.idTooLong': { en: 'the id is too long: {chars} characters (at most {max})', 'zh-CN': 'id 太长：{chars} 个字符（最多 {max} 个）' },
  'loader.duplicateStep': { en: 'duplicate step id "{id}" (first used on line {line})', 'zh-CN': '重复的步骤 id "{id}"（首次出现在第 {line} 行）' },
  'loader.duplicateCommand': {
    en: 'duplicate command id "{id}" in this step (first used on line {line})',
    'zh-CN': '本步骤中命令 id "{id}" 重复（首次出现在第 {line} 行）',
  },
  'loader.duplicateCheck': {
    en: 'duplicate check id "{id}" in this step (first used on line {line})',
    'zh-CN': '本步骤中检查 id "{id}" 重复（首次出现在第 {line} 行）',
  },
  'loader.duplicateTask': {
    en: 'duplicate shell task id "{id}" in this step (first used on line {line})',
    'zh-CN': '本步骤中 shell 任务 id "{id}" 重复（首次出现在第 {line} 行）',
  },
  'loader.duplicateFile': {
    en: 'duplicate file "{id}" with the same condition (first on line {line}): only the first is ever used',
    'zh-CN': '文件 "{id}" 重复且条件相同（首次出现在第 {line} 行）：只有第一个会被使用',
  },

  // Values
  'loader.badDuration': {
    en: 'invalid duration "{value}": use e.g. 500ms, 30s, 2m, 1m30s, 1h, or a number of milliseconds',
    'zh-CN': '无效的时长 "{value}"：请使用如 500ms、30s、2m、1m30s、1h，或毫秒数',
  },
  'loader.durationTooLong': {
    en: 'duration "{value}" is too long: Node.js timers wait at most {max} ms (about 24 days)',
    'zh-CN': '时长 "{value}" 太长：Node.js 的定时器最多只能等待 {max} 毫秒（约 24 天）',
  },
  'loader.zeroTimeout': { en: 'a command timeout must be more than zero', 'zh-CN': '命令超时时间必须大于零' },
  'loader.badChoice': {
    en: 'invalid {field} "{value}" (expected one of: {allowed}){hint}',
    'zh-CN': '无效的 {field} "{value}"（可选值：{allowed}）{hint}',
  },
  'loader.emptyModes': { en: '"mode" lists no mode, so it never matches', 'zh-CN': '"mode" 列表为空，条件永远不会满足' },
  'loader.emptyHintList': {
    en: '"{field}" lists nothing: name at least one failure, or leave the key out to show the hint for every failure',
    'zh-CN': '"{field}" 列表为空：请至少写明一种失败，或者去掉这个键，让提示在任何失败时都显示',
  },
  'loader.unknownDiagnosisRule': {
    en: 'unknown diagnosis rule "{rule}"{hint}: "about" names the rules that diagnose a failure (known: {known})',
    'zh-CN': '未知的诊断规则 "{rule}"{hint}："about" 写的是诊断失败原因的规则（可用：{known}）',
  },
  'loader.unknownVariable': {
    en: 'unknown variable {variable}{hint} (known: {known})',
    'zh-CN': '未知的变量 {variable}{hint}（可用：{known}）',
  },
  'loader.undeclaredVariable': {
    en: '{variable} is not declared: add a top-level "{key}: NAME" to tutorial.yaml, the name it stands for',
    'zh-CN': '{variable} 未声明：请在 tutorial.yaml 顶层添加“{key}: 名称”，写明它代表的名称',
  },
  'loader.badPodName': {
    en: 'invalid Pod name "{name}": use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most {max} characters',
    'zh-CN': '无效的 Pod 名称 "{name}"：只能使用小写字母、数字、"-" 和 "."，以字母或数字开头和结尾，最多 {max} 个字符',
  },
  'loader.badContainerName': {
    en: 'invalid container name "{name}": use lowercase letters, digits and "-", starting and ending with a letter or digit, at most {max} characters',
    'zh-CN': '无效的容器名称 "{name}"：只能使用小写字母、数字和 "-"，以字母或数字开头和结尾，最多 {max} 个字符',
  },
  'loader.unknownAssumedCheck': {
    en: 'assumes: no earlier check of this step is called "{check}"{hint}',
    'zh-CN': 'assumes：本步骤中此前没有名为 "{check}" 的检查{hint}',
  },
  'loader.unknownFile': {
    en: 'no file named "{name}" is defined by this or an earlier step',
    'zh-CN': '本步骤及之前的步骤都没有定义名为 "{name}" 的文件',
  },
  'loader.missingMarkdown': { en: 'step "{id}" has no {path}', 'zh-CN': '步骤 "{id}" 缺少 {path}' },
  'loader.beatCountMismatch': {
    en: 'step "{id}" has {count} beats in {lang} but {otherCount} in {otherLang}: give both languages the same beats (separated by a line holding only ---), so that a learner who switches language keeps their place',
    'zh-CN': '步骤 "{id}" 在 {lang} 中有 {count} 页，在 {otherLang} 中却有 {otherCount} 页：两种语言的页要一一对应（用只含 --- 的一行分隔），这样学习者切换语言时不会丢失位置',
  },
  'loader.beatActionMismatch': {
    en: 'step "{id}" offers its action on beat {beat} in {lang} but on beat {otherBeat} in {otherLang}: put <!-- action --> in the same beat of both files',
    'zh-CN': '步骤 "{id}" 在 {lang} 中在第 {beat} 页提供操作，在 {otherLang} 中却在第 {otherBeat} 页：请把 <!-- action --> 放在两个文件的同一页里',
  },
  'loader.beatActionTwice': {
    en: 'a second <!-- action --> marker (the first is on line {line}): a step offers its action on one beat only',
    'zh-CN': '出现了第二个 <!-- action --> 标记（第一个在第 {line} 行）：一个步骤只在一页上提供操作',
  },
  'loader.beatEmpty': {
    en: 'beat {beat} of {count} is empty: remove the extra --- line or write the beat',
    'zh-CN': '第 {beat} 页（共 {count} 页）是空的：请删掉多余的 --- 行，或者补上这一页的内容',
  },
  'loader.beatHeadingUnderline': {
    en: '--- right under a line of text makes that line a heading, not a new beat: put a blank line before ---',
    'zh-CN': '紧跟在一行文字下面的 --- 会把那一行变成标题，而不是开始新的一页：请在 --- 前面空一行',
  },
  'loader.missingAsset': { en: 'asset not found: {path}', 'zh-CN': '找不到资源文件：{path}' },
  'loader.pathEscapes': {
    en: '"{field}" leaves the tutorial folder (..): a tutorial may only use its own files',
    'zh-CN': '"{field}" 指向教程目录之外（..）：教程只能使用自己目录中的文件',
  },
  'loader.absolutePath': {
    en: '"{field}" must be a relative path with / separators',
    'zh-CN': '"{field}" 必须是使用 / 分隔的相对路径',
  },
  'loader.badRegex': {
    en: 'invalid regular expression (RE2 syntax: no lookaround, no backreferences): {error}',
    'zh-CN': '无效的正则表达式（RE2 语法：不支持环视和反向引用）：{error}',
  },
  'loader.unknownProgram': {
    en: 'runs "{program}", which is not one of {known}: learners are shown every program before they trust the tutorial, check that this one is needed',
    'zh-CN': '运行 "{program}"，它不属于 {known}：学习者在信任本教程之前会看到每一个程序，请确认确实需要它',
  },

  // Checks
  'loader.unknownCheckKind': { en: 'unknown check kind "{kind}"{hint}', 'zh-CN': '未知的检查类型 "{kind}"{hint}' },
  'loader.checkNeeds': { en: 'check kind {kind} needs "{field}"', 'zh-CN': '{kind} 类型的检查需要 "{field}"' },
  'loader.checkNeedsEqualsOrContains': {
    en: 'check kind execOutput needs "equals" or "contains"',
    'zh-CN': 'execOutput 类型的检查需要 "equals" 或 "contains"',
  },
  'loader.checkEqualsAndContains': {
    en: 'give either "equals" or "contains", not both',
    'zh-CN': '"equals" 与 "contains" 只能二选一',
  },
  'loader.checkFieldNotApplicable': {
    en: '"{field}" does not apply to check kind {kind}',
    'zh-CN': '"{field}" 不适用于 {kind} 类型的检查',
  },

  // Ownership: what the tour applies carries its label; the clean-up step
  'loader.manifestUnlabelled': {
    en: 'asset {asset} is applied with kubectl, but its {kind} "{name}" does not carry the label {label}: add it under metadata.labels (the tour changes and deletes only objects with that label)',
    'zh-CN': '资源文件 {asset} 会被 kubectl 应用，但其中的 {kind} "{name}" 没有标签 {label}：请在 metadata.labels 中加上它（本教程只修改和删除带有该标签的对象）',
  },
  'loader.kindConfigUnmarked': {
    en: 'asset {asset} creates a kind cluster, but not every node in it has the label {label} under nodes[].labels (it marks the cluster as the tour\'s, so that clean-up deletes it without asking)',
    'zh-CN': '资源文件 {asset} 用于创建 kind 集群，但并非每个节点都在 nodes[].labels 中带有标签 {label}（它把集群标记为本教程创建的，清理时才会不经询问地删除它）',
  },
  'loader.duplicateRole': {
    en: 'only one step can have role: {role} (the first is on line {line})',
    'zh-CN': '只能有一个步骤使用 role: {role}（第一个在第 {line} 行）',
  },
  'loader.cleanupNotLast': {
    en: 'the step with role: cleanup must be the last step (run runs it at the end)',
    'zh-CN': '带有 role: cleanup 的步骤必须是最后一个步骤（run 会在最后运行它）',
  },
  'loader.cleanupOptional': {
    en: 'the step with role: cleanup cannot be optional: run always runs it, even after a failure',
    'zh-CN': '带有 role: cleanup 的步骤不能是可选的：run 总会运行它，即使前面的步骤失败了',
  },

  // lint and list
  'lint.ok': { en: '{dir}: {steps} steps, no problems', 'zh-CN': '{dir}：{steps} 个步骤，没有问题' },
  'lint.okOne': { en: '{dir}: 1 step, no problems', 'zh-CN': '{dir}：1 个步骤，没有问题' },
  'lint.warningsCount': { en: ', {count} warning(s)', 'zh-CN': '，{count} 个警告' },
  'lint.warning': { en: 'warning: {message}', 'zh-CN': '警告：{message}' },
  'lint.moreProblems': { en: '… and {count} more problems', 'zh-CN': '…… 另有 {count} 个问题' },
  'list.problems': { en: '{count} problems (ivol-tour lint {dir})', 'zh-CN': '{count} 个问题（ivol-tour lint {dir}）' },
});

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>chainscope::AssumedRoutes</name>
    <message>
        <location filename="../model/assumedroutes.cpp" line="+161"/>
        <source>%1 on %2</source>
        <translation>%1 位于 %2 之后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the rules place no subnet behind an interface</source>
        <translation>规则中没有把任何子网放在某个接口后面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the rules place %1</source>
        <translation>按规则，%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no addresses or routes, so routes are assumed: %2; every other destination leaves by %3; a packet arriving from outside for an address the rules do not forward or translate is taken as addressed to %1 (give `ip addr` and `ip route` output to replace this)</source>
        <translation>%1 没有地址或路由，因此假定路由为：%2；其他所有目的地址都从 %3 出去；从外部到达、目的地址未被规则转发或转换的数据包，视为发往 %1（提供 `ip addr` 和 `ip route` 的输出即可替换此假设）</translation>
    </message>
</context>
<context>
    <name>chainscope::Audit</name>
    <message>
        <location filename="../model/audit.cpp" line="+361"/>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+18"/>
        <source>%1 %2 policy %3</source>
        <translation>%1 %2 策略 %3</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+20"/>
        <source>%1 %2:%3 %4</source>
        <translation>%1 %2:%3 %4</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 host</source>
        <translation>%1 主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 pod %2</source>
        <translation>%1 上的 Pod %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outside %1 via %2</source>
        <translation>外部 %1 经 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2:%3/%4</source>
        <translation>%1 %2:%3/%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 NodePort %2/%3</source>
        <translation>%1 NodePort %2/%3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>at %1 %2</source>
        <translation>发往 %1 %2</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>pod %1 on %2</source>
        <translation>%2 上的 Pod %1</translation>
    </message>
</context>
<context>
    <name>chainscope::BlastRadius</name>
    <message>
        <location filename="../model/blastradius.cpp" line="+30"/>
        <location line="+89"/>
        <location line="+1"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>%1 of %2 probe flows that were dropped now pass</source>
        <translation>%2 个被丢弃的探测流中有 %1 个现在可以通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 that passed are now dropped</source>
        <translation>%1 个原本通过的现在被丢弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BROAD: this lets through far more than one subnet&apos;s traffic</source>
        <translation>范围过宽：放行的流量远不止一个子网</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>any protocol</source>
        <translation>任意协议</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any port</source>
        <translation>任意端口</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>destination ports %1%2</source>
        <translation>目的端口 %1%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ports %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>policy DROP: everything no rule of %1 accepts is dropped</source>
        <translation>策略 DROP：%1 中没有规则接受的数据包全部丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policy ACCEPT: every packet no rule of %1 drops goes through: any source, any destination, any protocol, any port, every interface</source>
        <translation>策略 ACCEPT：%1 中没有规则丢弃的数据包全部放行：任意源地址、任意目的地址、任意协议、任意端口、所有接口</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>nft rule &quot;%1&quot; in %2 %3: what it matches is read off the probes</source>
        <translation>%2 %3 中的 nft 规则“%1”：它匹配什么由下面的探测包得出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sources %1, destinations %2, %3, %4, in %5, out %6</source>
        <translation>源地址 %1，目的地址 %2，%3，%4，入接口 %5，出接口 %6</translation>
    </message>
    <message>
        <location line="+122"/>
        <source> (local)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> in %1</source>
        <translation>，入接口 %1</translation>
    </message>
</context>
<context>
    <name>chainscope::BranchPanel</name>
    <message>
        <location filename="../views/branchpanel.cpp" line="+34"/>
        <source>Random choices (statistic) split the trace; select a branch to animate it</source>
        <translation>随机选择（statistic）使追踪产生分支；选择一个分支以播放其动画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin &amp;Branch</source>
        <translation>固定分支(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force the statistic rules of this branch to match (as --pin) and trace again</source>
        <translation>强制该分支的 statistic 规则命中（同 --pin）并重新追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%1 of %n branches dropped</source>
        <translation>
            <numerusform>%n 个分支中有 %1 个被丢弃</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n branches rejected</source>
        <translation>
            <numerusform>%n 个分支中有 %1 个被拒绝</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n branches without a route</source>
        <translation>
            <numerusform>%n 个分支中有 %1 个没有路由</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n branches uncertain</source>
        <translation>
            <numerusform>%n 个分支中有 %1 个结果不确定</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n branches queued to userspace</source>
        <translation>
            <numerusform>%n 个分支中有 %1 个被送入用户态队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>all %n branches get through</source>
        <translation>
            <numerusform>全部 %n 个分支均可通过</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 %2 (%3%)</source>
        <translation>%1 %2（%3%）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>taken</source>
        <translation>命中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not taken</source>
        <translation>未命中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 on %3</source>
        <translation>%1 %2，位于 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2% · %3</source>
        <translation>%1 %2% · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (uncertain)</source>
        <translation>（不确定）</translation>
    </message>
</context>
<context>
    <name>chainscope::Bridges</name>
    <message>
        <location filename="../model/bridges.cpp" line="+70"/>
        <source>expected the JSON array of `ip -j link` or `bridge -j link`: %1</source>
        <translation>应为 `ip -j link` 或 `bridge -j link` 输出的 JSON 数组：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>no links found: expected `ip link`, `ip -j link` or `bridge link` output</source>
        <translation>未找到链路：应为 `ip link`、`ip -j link` 或 `bridge link` 的输出</translation>
    </message>
</context>
<context>
    <name>chainscope::CandidatePalette</name>
    <message>
        <location filename="../views/candidatepalette.cpp" line="+18"/>
        <source>Drag a rule onto a chain card in the graph, or press Enter to insert it where it is suggested</source>
        <translation>把规则拖到图中的某个链卡片上，或按 Enter 插入到建议的位置</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 %2, before rule %3</source>
        <translation>%1 %2，第 %3 条规则之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2, at the end</source>
        <translation>%1 %2，末尾</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1
    policy ACCEPT on %2</source>
        <translation>%1
    %2 上的策略 ACCEPT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
    %2  (%3)</source>
        <translation>%1
    %2  （%3）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BROAD: lets through everything that reaches the end of %1</source>
        <translation>范围过宽：放行所有到达 %1 末尾的流量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+I inserts it; or drag it onto a chain or rule in the nftables dock</source>
        <translation>按 Ctrl+I 插入；或把它拖到 nftables 面板中的链或规则上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag onto a chain card; the line shows where it goes</source>
        <translation>拖到链卡片上；插入线会显示它的位置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  ⚠ BROAD</source>
        <translation>  ⚠ 范围过宽</translation>
    </message>
</context>
<context>
    <name>chainscope::ChainCard</name>
    <message>
        <location filename="../views/chaincard.cpp" line="+199"/>
        <location line="+96"/>
        <source>pkts</source>
        <translation>包数</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n reference(s)</source>
        <translation>
            <numerusform>%n 处引用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-88"/>
        <location line="+100"/>
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · policy %2</source>
        <translation>%1 · 策略 %2</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+99"/>
        <source>(empty chain: returns at once)</source>
        <translation>（空链：立即返回）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>policy DROP</source>
        <translation>策略 DROP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>policy ACCEPT</source>
        <translation>策略 ACCEPT</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+133"/>
        <source>when no rule decides</source>
        <translation>没有规则作出判定时</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>priority %1</source>
        <translation>优先级 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nft chain</source>
        <translation>nft 链</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 · %2 %3, priority %4 · policy %5</source>
        <translation>%1 · %2 %3，优先级 %4 · 策略 %5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no rules: the policy decides)</source>
        <translation>（没有规则：由策略决定）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>policy drop</source>
        <translation>策略 drop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>policy accept</source>
        <translation>策略 accept</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 policy %2
%3</source>
        <translation>%1 策略 %2
%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no verdict)</source>
        <translation>（无判决）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(every packet)</source>
        <translation>（所有数据包）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1
%2
%3</source>
        <translation>%1
%2
%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Candidate rule (not on the node): %1</source>
        <translation>候选规则（不在节点上）：%1</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Chain %1 policy %2
packets %3, bytes %4
%5:%6</source>
        <translation>链 %1 策略 %2
数据包 %3，字节 %4
%5:%6</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(count)</source>
        <translation>（计数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>goto </source>
        <translation>goto </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(all packets)</source>
        <translation>（所有数据包）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1
packets %2, bytes %3
%4</source>
        <translation>%1
数据包 %2，字节 %3
%4</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+161"/>
        <source>%1   — candidate</source>
        <translation>%1   — 候选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Candidate rule (not on the node): %1
F2 or double-click edits it, Delete removes it</source>
        <translation>候选规则（不在节点上）：%1
F2 或双击编辑，Delete 删除</translation>
    </message>
</context>
<context>
    <name>chainscope::ChainScene</name>
    <message>
        <location filename="../views/chainscene.cpp" line="+1016"/>
        <source>unreferenced chains</source>
        <translation>未被引用的链</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>No iptables tables on this node: its %n nftables table(s) are in the nftables dock (Alt+9).</source>
        <translation>
            <numerusform>此节点没有 iptables 表：它的 %n 张 nftables 表在 nftables 面板中（Alt+9）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+84"/>
        <source>the %n folded chain(s)</source>
        <translation>
            <numerusform>%n 条已折叠的链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows jump into %1</source>
        <translation>
            <numerusform>%n 行跳转到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::Cli</name>
    <message>
        <location filename="../app/cli.cpp" line="+37"/>
        <source>usage:
  chainscope-cli parse FILE... [--verbose]   warnings grouped by kind; every one with --verbose
  chainscope-cli trace SCENARIO --from NODE[:IFACE] --dst IP [--src IP] [--proto P]
                 [--sport N] [--dport N] [--ctstate S] [--mark M] [--pin CHAIN:RULE]
                 [--affinity KUBE-SEP-CHAIN]... [--ipset [NODE:]FILE]...
                 [--insert [NODE:]TABLE:CHAIN:POS:&apos;RULE&apos;] [--policy [NODE:]TABLE:CHAIN:VERDICT]
                 [--icmp-type N] [--icmpv6-type N|echo-request] [--preset NAME] [--verbose] [--json]
  chainscope-cli diff A B [--json]        A, B: SCENARIO:NODE or dump files
  chainscope-cli export SCENARIO --svg OUT [--png OUT] [--pdf OUT] [trace options]
                 [--node NAME] [--note &apos;TEXT&apos;]... [--figure path|node] [--layout side|pages]
                 [--page a4|letter] [--width PX]
  chainscope-cli report SCENARIO|SESSION.chainscope [trace options] [--note &apos;TEXT&apos;]...
                 --html OUT.html [--md OUT.md]
  chainscope-cli audit SCENARIO [--insert ...]... [--policy ...]... [--against SCENARIO2]
                 [--json] [--limit N] [--threads N] [--no-nodeports] [--no-pods] [--no-outside]
  every command: --lang LANG (en, zh_CN; default: LANGUAGE/LC_ALL/LC_MESSAGES/LANG;
                 --json output is always English)
</source>
        <translation>用法：
  chainscope-cli parse FILE... [--verbose]   按类型汇总警告；加 --verbose 显示每一条
  chainscope-cli trace SCENARIO --from NODE[:IFACE] --dst IP [--src IP] [--proto P]
                 [--sport N] [--dport N] [--ctstate S] [--mark M] [--pin CHAIN:RULE]
                 [--affinity KUBE-SEP-CHAIN]... [--ipset [NODE:]FILE]...
                 [--insert [NODE:]TABLE:CHAIN:POS:&apos;RULE&apos;] [--policy [NODE:]TABLE:CHAIN:VERDICT]
                 [--icmp-type N] [--icmpv6-type N|echo-request] [--preset NAME] [--verbose] [--json]
  chainscope-cli diff A B [--json]        A、B：SCENARIO:NODE 或转储文件
  chainscope-cli export SCENARIO --svg OUT [--png OUT] [--pdf OUT] [追踪选项]
                 [--node NAME] [--note &apos;TEXT&apos;]... [--figure path|node] [--layout side|pages]
                 [--page a4|letter] [--width PX]
  chainscope-cli report SCENARIO|SESSION.chainscope [追踪选项] [--note &apos;TEXT&apos;]...
                 --html OUT.html [--md OUT.md]
  chainscope-cli audit SCENARIO [--insert ...]... [--policy ...]... [--against SCENARIO2]
                 [--json] [--limit N] [--threads N] [--no-nodeports] [--no-pods] [--no-outside]
  所有命令：--lang LANG（en、zh_CN；默认取 LANGUAGE/LC_ALL/LC_MESSAGES/LANG；
                 --json 输出始终为英文）
</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>unknown command &quot;%1&quot;</source>
        <translation>未知命令 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n rule(s) use ipsets whose contents are not loaded: traces through them are uncertain (first at %1:%2; trace with --ipset FILE, the node&apos;s `ipset save`)</source>
        <translation>
            <numerusform>%n 条规则使用了未加载内容的 ipset：经过它们的追踪结果不确定（第一处在 %1:%2；追踪时用 --ipset FILE 指定节点的 `ipset save` 输出）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>no table read</source>
        <translation>未读取到任何表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tables %1, %2 chains, %3 rules</source>
        <translation>表 %1，%2 条链，%3 条规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 with matches or targets kept but not evaluated</source>
        <translation>，其中 %1 条的匹配条件或目标被保留但不参与计算</translation>
    </message>
    <message>
        <location line="+40"/>
        <location filename="../app/cliaudit.cpp" line="+284"/>
        <location filename="../app/cliexport.cpp" line="+59"/>
        <location filename="../app/clireport.cpp" line="+75"/>
        <source>unknown option</source>
        <translation>未知选项</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>the change:</source>
        <translation>修改：</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cliaudit.cpp" line="+68"/>
        <source>before the change:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cliaudit.cpp" line="+2"/>
        <source>after the change:</source>
        <translation>修改后：</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/cliaudit.cpp" line="-68"/>
        <location filename="../app/cliexport.cpp" line="-11"/>
        <location filename="../app/clireport.cpp" line="-11"/>
        <source>needs a value</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no packet preset named &quot;%1&quot; in the scenario</source>
        <translation>场景中没有名为 &quot;%1&quot; 的数据包预设</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no node named &quot;%1&quot; in the scenario; its nodes are: %2</source>
        <translation>场景中没有名为 &quot;%1&quot; 的节点；现有节点：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected an IPv4 or IPv6 address such as 10.224.2.16 or fd00:10:96::a, found &quot;%1&quot;</source>
        <translation>应为 IPv4 或 IPv6 地址，例如 10.224.2.16 或 fd00:10:96::a，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected tcp, udp, icmp or a protocol number, found &quot;%1&quot;</source>
        <translation>应为 tcp、udp、icmp 或协议号，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected a number from 0 to %1, found &quot;%2&quot;</source>
        <translation>应为 0 到 %1 之间的数字，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED, found &quot;%1&quot;</source>
        <translation>应为 NEW、ESTABLISHED、RELATED、INVALID 或 UNTRACKED，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a number such as 0x4000, found &quot;%1&quot;</source>
        <translation>应为数字，例如 0x4000，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected [NODE:]CHAIN:RULE, found &quot;%1&quot;</source>
        <translation>应为 [NODE:]CHAIN:RULE，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected the name of a recent list, such as the KUBE-SEP-... chain of the endpoint</source>
        <translation>应为 recent 列表名，例如该 endpoint 的 KUBE-SEP-... 链</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the scenario has several nodes: write NODE:FILE (its nodes are: %1)</source>
        <translation>场景中有多个节点：请写成 NODE:FILE（现有节点：%1）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>is required: a node (locally generated) or NODE:INTERFACE (arriving)</source>
        <translation>为必填项：节点（本机生成）或 NODE:INTERFACE（从接口进入）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not of the family of --dst %2</source>
        <translation>%1 与 --dst %2 不属于同一地址族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is required for a packet arriving on an interface</source>
        <translation>对于从接口进入的数据包为必填项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is required for %1</source>
        <translation>对于 %1 为必填项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(uncertain) </source>
        <translation>（不确定） </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>packet: %1, %2</source>
        <translation>数据包：%1，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locally generated on %1</source>
        <translation>在 %1 上本机生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arriving on %1 %2</source>
        <translation>从 %1 %2 进入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>session affinity: the client has an entry in %1</source>
        <translation>会话亲和性：客户端在 %1 中有记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>branch %1 of %2, %3</source>
        <translation>分支 %1/%2，%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>packet: %1</source>
        <translation>数据包：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>verdict: %1</source>
        <translation>判定：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dropped by the chain&apos;s policy DROP: no rule accepted %1</source>
        <translation>被链的默认策略 DROP 丢弃：没有规则接受 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nearest misses:</source>
        <translation>最接近命中的规则：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>lints:</source>
        <translation>检查提示：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no node named &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的节点</translation>
    </message>
    <message numerus="yes">
        <location line="+234"/>
        <source>%1 (left) against %2 (right): %n difference(s)</source>
        <translation>
            <numerusform>%1（左）与 %2（右）对比：%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+36"/>
        <source>chain %1 (%2)</source>
        <translation>链 %1（%2）</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>table %1 (%2, %3, %4)</source>
        <translation>表 %1（%2，%3，%4）</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n chain(s)</source>
        <translation>
            <numerusform>%n 条链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n 条规则</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n set(s)</source>
        <translation>
            <numerusform>%n 个集合</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>map %1 (%n element(s))</source>
        <translation>
            <numerusform>映射 %1（%n 个元素）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>set %1 (%n element(s))</source>
        <translation>
            <numerusform>集合 %1（%n 个元素）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set %1 type %2 -&gt; %3</source>
        <translation>集合 %1 的类型 %2 -&gt; %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>element %1 %2</source>
        <translation>元素 %1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>... and %n more element difference(s) in %1 (%2 added, %3 removed, %4 changed in all)</source>
        <translation>
            <numerusform>……%1 中另有 %n 处元素差异（共新增 %2、删除 %3、更改 %4）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>counters gained (right minus left), largest first:</source>
        <translation>计数器增量（右减左），从大到小：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../app/cliexport.cpp" line="-23"/>
        <source>export: needs the GUI libraries (run chainscope-cli, which starts them for export)</source>
        <translation>export：需要 GUI 库（请运行 chainscope-cli，它会为导出加载这些库）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>is required (or --png, --pdf): where to write the picture</source>
        <translation>为必填项（或 --png、--pdf）：图片的输出位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is path (the chains the packet crossed) or node (the whole graph of one node)</source>
        <translation>取值为 path（数据包经过的链）或 node（一个节点的完整图）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is side (nodes side by side) or pages (a page per node)</source>
        <translation>取值为 side（节点并排）或 pages（每个节点一页）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is a4 or letter</source>
        <translation>取值为 a4 或 letter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is a width in pixels, 300 to 20000</source>
        <translation>是以像素为单位的宽度，300 到 20000</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>no node named &quot;%1&quot; in the scenario</source>
        <translation>场景中没有名为 &quot;%1&quot; 的节点</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the scenario has no nodes</source>
        <translation>场景中没有节点</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+43"/>
        <location filename="../app/clireport.cpp" line="+65"/>
        <source>wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location filename="../app/clireport.cpp" line="-106"/>
        <source>report: needs the GUI libraries (run chainscope-cli, which starts them for report)</source>
        <translation>report：需要图形库（请运行 chainscope-cli，它会为 report 启动图形库）</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>is required (or --md): where to write the report</source>
        <translation>必须给出（或 --md）：报告写到哪里</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the session has no packet: trace one in the window, or give --from and --dst</source>
        <translation>会话中没有数据包：请在窗口中追踪一个，或给出 --from 和 --dst</translation>
    </message>
    <message>
        <location filename="../app/cliaudit.cpp" line="-130"/>
        <source>delivered on all endpoints</source>
        <translation>所有 endpoint 均送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered on some endpoints</source>
        <translation>部分 endpoint 送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered on none</source>
        <translation>均未送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+57"/>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>not audited</source>
        <translation>未审计</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>audit of %1: %2 service ports, %3 NodePorts, %4 pods, from %5 sources: %6 flows, %7 branches (%8 ms, %9 threads)</source>
        <translation>审计 %1：%2 个服务端口、%3 个 NodePort、%4 个 Pod，来自 %5 个来源：%6 条流、%7 个分支（%8 毫秒，%9 个线程）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sources:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>flows: %1 delivered on all endpoints, %2 on some, %3 on none, %4 uncertain</source>
        <translation>流：%1 条在所有 endpoint 送达，%2 条部分送达，%3 条均未送达，%4 条不确定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>what stops them (branch flows, by the deciding rule):</source>
        <translation>拦住它们的是什么（按作出判定的规则统计分支流）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>without a route</source>
        <translation>没有路由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped</source>
        <translation>被丢弃</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>undecided</source>
        <translation>未判定</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n flow(s) %1 by %2</source>
        <translation>
            <numerusform>%n 条流%1，判定者：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>flows that do not deliver on every endpoint:</source>
        <translation>未能在所有 endpoint 送达的流：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+38"/>
        <source>... and %1 more (--limit 0 lists all)</source>
        <translation>……另有 %1 条（--limit 0 列出全部）</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>what changed: %1 flows fixed, %2 newly opened from outside, %3 newly broken, %4 otherwise changed, %5 added, %6 gone</source>
        <translation>变化：%1 条流被修复，%2 条新对外部开放，%3 条新被阻断，%4 条有其他变化，%5 条新增，%6 条消失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fixed:</source>
        <translation>被修复：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>newly opened (from outside the cluster):</source>
        <translation>新开放（来自集群外部）：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>newly broken:</source>
        <translation>新被阻断：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>otherwise changed:</source>
        <translation>其他变化：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>added:</source>
        <translation>新增：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gone:</source>
        <translation>消失：</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>expected a number from 0 up, found &quot;%1&quot;</source>
        <translation>应为 0 或更大的数字，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>compares two snapshots as they are: leave out --insert and --policy</source>
        <translation>按原样比较两个快照：请去掉 --insert 和 --policy</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>before (%1):</source>
        <translation>之前（%1）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>after (%1):</source>
        <translation>之后（%1）：</translation>
    </message>
</context>
<context>
    <name>chainscope::CompareView</name>
    <message>
        <location filename="../views/compareview.cpp" line="+240"/>
        <location line="+3"/>
        <location line="+60"/>
        <location line="+3"/>
        <source>only on %1</source>
        <translation>仅在 %1 上</translation>
    </message>
</context>
<context>
    <name>chainscope::CompareWindow</name>
    <message>
        <location filename="../app/comparewindow.cpp" line="+374"/>
        <source>Compare — Chainscope</source>
        <translation>对比 — Chainscope</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>Up/Down moves both graphs to a difference; Enter focuses them; F8/Shift+F8 next/previous</source>
        <translation>上/下方向键让两个图同时移到某处差异；Enter 聚焦到图；F8/Shift+F8 下一处/上一处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules and policies that gained packets between the two snapshots; Enter shows the rule</source>
        <translation>两次快照之间数据包计数增加的规则和策略；按 Enter 显示该规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counter Deltas</source>
        <translation>计数器增量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: sent by the node itself</source>
        <translation>留空：由节点自身发出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: chosen by the route</source>
        <translation>留空：由路由决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>&amp;Trace Both Sides</source>
        <translation>两侧同时追踪(&amp;T)</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Trace the packet on both sides (Ctrl+Return)</source>
        <translation>在两侧同时追踪该数据包（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrives &amp;on:</source>
        <translation>进入接口(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Source:</source>
        <translation>源地址(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Destination:</source>
        <translation>目的地址(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rotocol:</source>
        <translation>协议(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destin&amp;ation port:</source>
        <translation>目的端口(&amp;A)：</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>Pick a preset or fill in a packet, then Trace Both Sides (Ctrl+Return): the first step where the two paths part is highlighted in both graphs.</source>
        <translation>选择一个预设或填写数据包，然后点“两侧同时追踪”（Ctrl+Return）：两条路径第一次分叉的那一步会在两个图中高亮显示。</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>Same Packet, Both Sides</source>
        <translation>同一数据包，两侧对比</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The selected difference: both sides&apos; rules, declarations or elements</source>
        <translation>所选差异：两侧的规则、声明或元素</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare with &amp;File...</source>
        <translation>与文件对比(&amp;F)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Difference</source>
        <translation>下一处差异(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Previous Difference</source>
        <translation>上一处差异(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hide Identical Chains</source>
        <translation>隐藏相同的链(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Side by Side</source>
        <translation>并排显示(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graphs side by side, or one above the other so the hook lanes line up (Ctrl+T)</source>
        <translation>两个图左右并排，或上下排列以便钩子泳道对齐（Ctrl+T）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Both Graphs</source>
        <translation>两个图都适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Go to &amp;Differences</source>
        <translation>转到差异(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to &amp;Counter Deltas</source>
        <translation>转到计数器增量(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the &amp;Packet Form</source>
        <translation>转到数据包表单(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the &amp;Left Graph</source>
        <translation>转到左侧图(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to the &amp;Right Graph</source>
        <translation>转到右侧图(&amp;R)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Left:</source>
        <translation>左侧(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Ri&amp;ght:</source>
        <translation> 右侧(&amp;G)：</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+27"/>
        <source>(custom packet)</source>
        <translation>（自定义数据包）</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Compare: %1 — Chainscope</source>
        <translation>对比：%1 — Chainscope</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+40"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Compare with Another Dump</source>
        <translation>与另一份转储对比</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot Compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <location line="+420"/>
        <source>rule: %1</source>
        <translation>规则：%1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>%1, %2, %3</source>
        <translation>%1，%2，%3</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n chain(s)</source>
        <translation>
            <numerusform>%n 条链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n set(s)</source>
        <translation>
            <numerusform>%n 个集合</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nft table only on %1</source>
        <translation>仅在 %1 上存在的 nft 表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>nft chain only on %1</source>
        <translation>仅在 %1 上存在的 nft 链</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>base chain</source>
        <translation>基础链</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>regular chain</source>
        <translation>普通链</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nft chain declaration changed</source>
        <translation>nft 链声明已更改</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>nft rule changed</source>
        <translation>nft 规则已更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>nft rule only on %1</source>
        <translation>仅在 %1 上的 nft 规则</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nft map only on %1</source>
        <translation>仅在 %1 上存在的 nft 映射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nft set only on %1</source>
        <translation>仅在 %1 上存在的 nft 集合</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>nft set type changed</source>
        <translation>nft 集合类型已更改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nft element changed</source>
        <translation>nft 元素已更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>nft element only on %1</source>
        <translation>仅在 %1 上的 nft 元素</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nft elements not listed</source>
        <translation>未列出的 nft 元素</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>... and %n more element difference(s) (%1 added, %2 removed, %3 changed in all)</source>
        <translation>
            <numerusform>……另有 %n 处元素差异（共新增 %1、删除 %2、更改 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>... %n rule(s) before</source>
        <translation>
            <numerusform>……前面还有 %n 条规则</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>... %n more rule(s)</source>
        <translation>
            <numerusform>……后面还有 %n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (left)</source>
        <translation>%1（左侧）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (right)</source>
        <translation>%1（右侧）</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>... %n more element(s)</source>
        <translation>
            <numerusform>……另有 %n 个元素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%1 vs %2: %n difference(s)</source>
        <translation>
            <numerusform>%1 对比 %2：%n 处差异</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 vs %2: %n difference(s) (%3 iptables, %4 nftables)</source>
        <translation>
            <numerusform>%1 对比 %2：%n 处差异（iptables %3 处，nftables %4 处）</numerusform>
        </translation>
    </message>
    <message>
        <location line="-634"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Rule dumps (*.rules *.txt *.save *.dump *.nft *.json);;All files (*)</source>
        <translation>规则转储 (*.rules *.txt *.save *.dump *.nft *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+74"/>
        <source>Chain</source>
        <translation>链</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+66"/>
        <location line="+375"/>
        <location line="+1"/>
        <source>#%1  %2</source>
        <translation>#%1  %2</translation>
    </message>
    <message>
        <location line="-435"/>
        <location line="+6"/>
        <source>chain only on %1</source>
        <translation>仅在 %1 上存在的链</translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <location line="+6"/>
        <location line="+397"/>
        <location line="+11"/>
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <location line="-414"/>
        <location line="+6"/>
        <location line="+384"/>
        <location line="+96"/>
        <location line="+45"/>
        <location line="+21"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="-540"/>
        <source>policy changed</source>
        <translation>策略已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>policy DROP</source>
        <translation>策略 DROP</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>policy ACCEPT</source>
        <translation>策略 ACCEPT</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>only on %1</source>
        <translation>仅在 %1 上</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Packets gained</source>
        <translation>增加的数据包</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bytes gained</source>
        <translation>增加的字节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>policy %1</source>
        <translation>策略 %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Difference %1 of %2</source>
        <translation>第 %1 处差异，共 %2 处</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Cannot trace: %1</source>
        <translation>无法追踪：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The packet could not be traced.</source>
        <translation>无法追踪该数据包。</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>(no more rules on this node)</source>
        <translation>（此节点上没有更多规则）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;b&gt;The paths part at step %1 on the compared node:&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;在被对比的节点上，两条路径在第 %1 步分叉：&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Same path through both rule sets on the compared node.&lt;/b&gt;</source>
        <translation>&lt;b&gt;在被对比的节点上，两套规则的路径相同。&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;br&gt;&lt;b&gt;Verdicts&lt;/b&gt;&lt;br&gt;from %1: %2&lt;br&gt;from %3: %4</source>
        <translation>&lt;br&gt;&lt;b&gt;判定结果&lt;/b&gt;&lt;br&gt;来自 %1：%2&lt;br&gt;来自 %3：%4</translation>
    </message>
</context>
<context>
    <name>chainscope::DiagnosticGroups</name>
    <message>
        <location filename="../model/diagnostic.cpp" line="+40"/>
        <source>%1; at %2</source>
        <translation>%1；位于 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; first at %2</source>
        <translation>%1；第一处在 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> (kube-proxy session affinity, port knocking)</source>
        <translation> （kube-proxy 会话亲和性、端口敲门）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (ipset; the sets&apos; contents are not in the dump)</source>
        <translation> （ipset；集合内容不在转储中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (kube-proxy packet accounting)</source>
        <translation> （kube-proxy 数据包统计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 rule uses `-m %1`%2: kept, not evaluated; traces through it are uncertain</source>
        <translation>1 条规则使用了 `-m %1`%2：已保留，不参与计算；经过它的追踪结果不确定</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rules use `-m %1`%2: kept, not evaluated; traces through them are uncertain</source>
        <translation>
            <numerusform>%n 条规则使用了 `-m %1`%2：已保留，不参与计算；经过它们的追踪结果不确定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 listed rule shows `%1 ...`, which the engine does not understand: kept, not evaluated; traces through it are uncertain</source>
        <translation>1 条列出的规则显示为 `%1 ...`，引擎无法理解：已保留，不参与计算；经过它的追踪结果不确定</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n listed rules show `%1 ...`, which the engine does not understand: kept, not evaluated; traces through them are uncertain</source>
        <translation>
            <numerusform>%n 条列出的规则显示为 `%1 ...`，引擎无法理解：已保留，不参与计算；经过它们的追踪结果不确定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 rule uses target %1: kept, the rule continues; what it changes in the packet is not modelled</source>
        <translation>1 条规则使用了目标 %1：已保留，规则继续往下走；它对数据包的修改未被模拟</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rules use target %1: kept, the rules continue; what they change in the packet is not modelled</source>
        <translation>
            <numerusform>%n 条规则使用了目标 %1：已保留，规则继续往下走；它们对数据包的修改未被模拟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 rule uses target %1, which the engine does not evaluate: kept; traces through it are uncertain</source>
        <translation>1 条规则使用了目标 %1，引擎不计算它：已保留；经过它的追踪结果不确定</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rules use target %1, which the engine does not evaluate: kept; traces through them are uncertain</source>
        <translation>
            <numerusform>%n 条规则使用了目标 %1，引擎不计算它：已保留；经过它们的追踪结果不确定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 rule jumps to %1, neither a chain of its table nor a target the engine knows: kept; traces through it are uncertain</source>
        <translation>1 条规则跳转到 %1，它既不是本表中的链，也不是引擎认识的目标：已保留；经过它的追踪结果不确定</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rules jump to %1, neither a chain of their table nor a target the engine knows: kept; traces through them are uncertain</source>
        <translation>
            <numerusform>%n 条规则跳转到 %1，它既不是所在表中的链，也不是引擎认识的目标：已保留；经过它们的追踪结果不确定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 stretch of text that is not part of a dump skipped (a shell prompt, Markdown or a note)</source>
        <translation>跳过了 1 段不属于转储的文本（shell 提示符、Markdown 或备注）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n stretches of text that are not part of a dump skipped (shell prompts, Markdown, notes)</source>
        <translation>
            <numerusform>跳过了 %n 段不属于转储的文本（shell 提示符、Markdown、备注）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 command line skipped: the lines after it are read as its output</source>
        <translation>跳过了 1 行命令：其后的行作为它的输出读取</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n command lines skipped: the lines after each are read as its output</source>
        <translation>
            <numerusform>跳过了 %n 行命令：每行命令之后的行作为它的输出读取</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 chain is not declared in this fragment (its -N line was filtered out): created</source>
        <translation>1 条链未在此片段中声明（它的 -N 行被过滤掉了）：已自动创建</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n chains are not declared in this fragment (their -N lines were filtered out): created</source>
        <translation>
            <numerusform>%n 条链未在此片段中声明（它们的 -N 行被过滤掉了）：已自动创建</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n times: %1</source>
        <translation>
            <numerusform>%n 次：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::Diff</name>
    <message>
        <location filename="../model/diff.cpp" line="+334"/>
        <source>%1:%2 policy %3 -&gt; %4</source>
        <translation>%1:%2 策略 %3 -&gt; %4</translation>
    </message>
</context>
<context>
    <name>chainscope::DumpParser</name>
    <message>
        <location filename="../model/dumpparser.cpp" line="+92"/>
        <source>lines %1-%2 skipped: not part of a rule dump</source>
        <translation>第 %1-%2 行已跳过：不属于规则转储</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown fence skipped</source>
        <translation>已跳过 Markdown 代码块标记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shell command skipped: not an iptables command</source>
        <translation>已跳过 shell 命令：不是 iptables 命令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown heading skipped</source>
        <translation>已跳过 Markdown 标题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line skipped: not part of a rule dump</source>
        <translation>已跳过该行：不属于规则转储</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>table %1 appears a second time in this file; give each dump its own file</source>
        <translation>表 %1 在此文件中第二次出现；请把每份转储放在单独的文件中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>table %1 appears a second time: read from here as another rule set (another node or a later snapshot)</source>
        <translation>表 %1 第二次出现：从这里开始作为另一套规则读取（另一个节点或更晚的快照）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>COMMIT expected before a new table (table %1 opened at line %2)</source>
        <translation>新表开始之前应有 COMMIT（表 %1 在第 %2 行开始）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown table &quot;%1&quot;; expected raw, mangle, nat, filter or security</source>
        <translation>未知的表 &quot;%1&quot;；应为 raw、mangle、nat、filter 或 security</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>COMMIT without a table (expected a *table line first)</source>
        <translation>COMMIT 前没有表（应先有一行 *table）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+48"/>
        <source>expected a *table line before this</source>
        <translation>此前应有一行 *table</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>expected &quot;:CHAIN POLICY [packets:bytes]&quot;</source>
        <translation>应为 &quot;:CHAIN POLICY [packets:bytes]&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>bad built-in chain policy &quot;%1&quot;; expected ACCEPT or DROP</source>
        <translation>内置链的策略 &quot;%1&quot; 无效；应为 ACCEPT 或 DROP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not a built-in chain of table %2, so its policy must be &quot;-&quot;</source>
        <translation>%1 不是表 %2 的内置链，因此它的策略必须是 &quot;-&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chain name &quot;%1&quot; is longer than 28 characters</source>
        <translation>链名 &quot;%1&quot; 超过 28 个字符</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>chain %1 is declared twice</source>
        <translation>链 %1 被声明了两次</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+47"/>
        <source>expected counters as [packets:bytes]</source>
        <translation>计数器应为 [packets:bytes] 形式</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>COMMIT expected at the end of table %1 (opened at line %2)</source>
        <translation>表 %1 末尾应有 COMMIT（该表在第 %2 行开始）</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n more error(s) not shown</source>
        <translation>
            <numerusform>还有 %n 个错误未显示</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n more warning(s) not shown</source>
        <translation>
            <numerusform>还有 %n 个警告未显示</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>option &quot;%1&quot; requires a chain name</source>
        <translation>选项 &quot;%1&quot; 需要一个链名</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>chain %1 is not declared in this fragment (its -N line was filtered out); created</source>
        <translation>链 %1 未在此片段中声明（它的 -N 行被过滤掉了）；已自动创建</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chain %1 does not exist in table %2 (declare it with :%1 - [0:0])</source>
        <translation>表 %2 中不存在链 %1（请用 :%1 - [0:0] 声明）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>option &quot;-N&quot; requires a chain name</source>
        <translation>选项 &quot;-N&quot; 需要一个链名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chain %1 already exists</source>
        <translation>链 %1 已存在</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected -P CHAIN ACCEPT|DROP</source>
        <translation>应为 -P CHAIN ACCEPT|DROP</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not a built-in chain of table %2; only built-in chains have a policy</source>
        <translation>%1 不是表 %2 的内置链；只有内置链才有策略</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bad policy &quot;%1&quot;; expected ACCEPT or DROP</source>
        <translation>策略 &quot;%1&quot; 无效；应为 ACCEPT 或 DROP</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>expected -P, -N or -A, found &quot;%1&quot;</source>
        <translation>应为 -P、-N 或 -A，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected :CHAIN, -A, COMMIT or *table, found &quot;%1&quot;</source>
        <translation>应为 :CHAIN、-A、COMMIT 或 *table，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>index of insertion %1 is out of range (chain has %2 rules)</source>
        <translation>插入位置 %1 超出范围（该链有 %2 条规则）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>match &quot;%1&quot; is kept but not evaluated; traces through this rule are uncertain</source>
        <translation>匹配条件 &quot;%1&quot; 已保留但不参与计算；经过这条规则的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>goto %1 is not a chain of table %2</source>
        <translation>goto %1 不是表 %2 中的链</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target %1 is neither a chain of table %2 nor a target the engine knows; kept, traces through this rule are uncertain</source>
        <translation>目标 %1 既不是表 %2 中的链，也不是引擎认识的目标；已保留，经过这条规则的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>target %1 is kept but not evaluated; traces through this rule are uncertain</source>
        <translation>目标 %1 已保留但不参与计算；经过这条规则的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>target %1: the rule continues; its change to the packet is not modelled</source>
        <translation>目标 %1：规则继续往下走；它对数据包的修改未被模拟</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>this is a binary file, not a rule dump</source>
        <translation>这是二进制文件，不是规则转储</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>command line skipped: the lines after it are read as its output</source>
        <translation>已跳过命令行：其后的行作为它的输出读取</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>iptables says some tables are in iptables-legacy; they are not part of this dump</source>
        <translation>iptables 提示部分表位于 iptables-legacy 中；它们不在此转储里</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>cannot tell which table these iptables-save lines (%1-%2) are from: %3. Name it: {&quot;file&quot;: &quot;%4&quot;, &quot;table&quot;: &quot;%5&quot;} in scenario.json, or a line &quot;*%5&quot; before them</source>
        <translation>无法判断这些 iptables-save 行（%1-%2）属于哪个表：%3。请在 scenario.json 中指定：{&quot;file&quot;: &quot;%4&quot;, &quot;table&quot;: &quot;%5&quot;}，或在它们前面加一行 &quot;*%5&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot tell which table this iptables -S output (lines %1-%2) is from: %3. Name it: {&quot;file&quot;: &quot;%4&quot;, &quot;table&quot;: &quot;%5&quot;} in scenario.json, or a line &quot;iptables -t %5 -S&quot; before it</source>
        <translation>无法判断这段 iptables -S 输出（第 %1-%2 行）属于哪个表：%3。请在 scenario.json 中指定：{&quot;file&quot;: &quot;%4&quot;, &quot;table&quot;: &quot;%5&quot;}，或在它前面加一行 &quot;iptables -t %5 -S&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>iptables-save lines with no *table line before them (a grep?); read as table %1 from %2 (give &quot;table&quot; in scenario.json or a &quot;*TABLE&quot; line before them to choose)</source>
        <translation>这些 iptables-save 行前面没有 *table 行（grep 过？）；按 %2 判断作为表 %1 读取（可在 scenario.json 中给出 &quot;table&quot;，或在前面加一行 &quot;*TABLE&quot; 来指定）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>iptables-save lines with no *table line before them (a grep?); read as table %1, the first they can be in (give &quot;table&quot; in scenario.json or a &quot;*TABLE&quot; line before them to choose)</source>
        <translation>这些 iptables-save 行前面没有 *table 行（grep 过？）；作为表 %1 读取，即它们可能属于的第一个表（可在 scenario.json 中给出 &quot;table&quot;，或在前面加一行 &quot;*TABLE&quot; 来指定）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>iptables -S output does not name its table; read as table %1 from %2 (give &quot;table&quot; in scenario.json or an &quot;iptables -t TABLE -S&quot; line before it to choose)</source>
        <translation>iptables -S 的输出没有标明所属的表；按 %2 判断作为表 %1 读取（可在 scenario.json 中给出 &quot;table&quot;，或在前面加一行 &quot;iptables -t TABLE -S&quot; 来指定）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>iptables -S output does not name its table; read as table %1, the first it can be in (give &quot;table&quot; in scenario.json or an &quot;iptables -t TABLE -S&quot; line before it to choose)</source>
        <translation>iptables -S 的输出没有标明所属的表；作为表 %1 读取，即它可能属于的第一个表（可在 scenario.json 中给出 &quot;table&quot;，或在前面加一行 &quot;iptables -t TABLE -S&quot; 来指定）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>not a rule dump: expected iptables-save (*table, :CHAIN, -A), iptables -S (-P, -N, -A) or iptables -L (Chain NAME (...)) output</source>
        <translation>不是规则转储：应为 iptables-save（*table、:CHAIN、-A）、iptables -S（-P、-N、-A）或 iptables -L（Chain NAME (...)）的输出</translation>
    </message>
</context>
<context>
    <name>chainscope::DumpText</name>
    <message>
        <location filename="../views/dumptext.cpp" line="+383"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
</context>
<context>
    <name>chainscope::DumpView</name>
    <message>
        <location filename="../views/dumpview.cpp" line="+100"/>
        <source>Rule file of the current node</source>
        <translation>当前节点的规则文件</translation>
    </message>
</context>
<context>
    <name>chainscope::Explain</name>
    <message>
        <location filename="../model/explain.cpp" line="+250"/>
        <source>%1 %2 is in %3, which the rule excludes</source>
        <translation>%1 %2 在 %3 中，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 is not in %3</source>
        <translation>%1 %2 不在 %3 中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is %2, which the rule excludes</source>
        <translation>%1 是 %2，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is %2, not %3</source>
        <translation>%1 是 %2，不是 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+53"/>
        <location line="+7"/>
        <source>source</source>
        <translation>源地址</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+52"/>
        <location line="+8"/>
        <source>destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>the packet has no in-interface here (it is locally generated), the rule wants %1</source>
        <translation>该数据包在这里没有入接口（它是本机生成的），而规则要求 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in-interface</source>
        <translation>入接口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the packet has no out-interface yet, the rule wants %1</source>
        <translation>该数据包此时还没有出接口，而规则要求 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>out-interface</source>
        <translation>出接口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the packet is not a later fragment</source>
        <translation>该数据包不是后续分片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>protocol %1 has no ports</source>
        <translation>协议 %1 没有端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source port</source>
        <translation>源端口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>destination port</source>
        <translation>目的端口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP flags %1 under mask %2 are not %3</source>
        <translation>TCP 标志 %1 在掩码 %2 下不是 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>protocol %1 is not icmp</source>
        <translation>协议 %1 不是 icmp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICMP type</source>
        <translation>ICMP 类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ports %1 -&gt; %2 are not in %3</source>
        <translation>端口 %1 -&gt; %2 不在 %3 中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conntrack state %1 is one of %2, which the rule excludes</source>
        <translation>连接跟踪状态 %1 属于 %2，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conntrack state %1 is not %2</source>
        <translation>连接跟踪状态 %1 不是 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conntrack protocol</source>
        <translation>连接跟踪协议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original source</source>
        <translation>原始方向源地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original destination</source>
        <translation>原始方向目的地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reply source</source>
        <translation>应答方向源地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reply destination</source>
        <translation>应答方向目的地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original source port</source>
        <translation>原始方向源端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original destination port</source>
        <translation>原始方向目的端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reply source port</source>
        <translation>应答方向源端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reply destination port</source>
        <translation>应答方向目的端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conntrack status of a first packet is not %1</source>
        <translation>首个数据包的连接跟踪状态位不是 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the packet goes in the original direction</source>
        <translation>该数据包走的是原始方向</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mark</source>
        <translation>mark</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>connmark</source>
        <translation>connmark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 &amp; %3 is %4, which the rule excludes</source>
        <translation>%1 %2 &amp; %3 为 %4，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 &amp; %3 is %4, not %5</source>
        <translation>%1 %2 &amp; %3 为 %4，不是 %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 %2 is %3 on %4, which the rule excludes</source>
        <translation>%1 %2 在 %4 上为 %3，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 is %3 on %4, not %5</source>
        <translation>%1 %2 在 %4 上为 %3，不是 %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>statistic: this branch takes the other %1%</source>
        <translation>statistic：此分支走的是另外的 %1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statistic nth: the first packet is not number %1 of every %2</source>
        <translation>statistic nth：首个数据包不是每 %2 个中的第 %1 个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>packet type is unicast</source>
        <translation>数据包类型为 unicast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>owner matches only locally generated packets in OUTPUT and POSTROUTING</source>
        <translation>owner 只匹配 OUTPUT 和 POSTROUTING 中本机生成的数据包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>recent list %1 holds %2, which the rule excludes</source>
        <translation>recent 列表 %1 中有 %2，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recent list %1 holds no entry for %2: a new client (trace with --affinity %1 for one that has it)</source>
        <translation>recent 列表 %1 中没有 %2 的记录：这是新客户端（用 --affinity %1 追踪已有记录的客户端）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>source %1</source>
        <translation>源地址 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>destination %1</source>
        <translation>目的地址 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>source port %1/%2</source>
        <translation>源端口 %1/%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>destination port %1/%2</source>
        <translation>目的端口 %1/%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in interface %1</source>
        <translation>入接口 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out interface %1</source>
        <translation>出接口 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set %1 (%2) is tested with fewer directions than it has dimensions, so it matches nothing, which the rule excludes</source>
        <translation>集合 %1（%2）测试时给出的方向数少于其维数，因此什么都匹配不到，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set %1 (%2) has %3 dimensions but the rule gives %4 directions: it matches nothing</source>
        <translation>集合 %1（%2）有 %3 个维度，但规则只给出了 %4 个方向：什么都匹配不到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is in set %2 (%3), which the rule excludes</source>
        <translation>%1 在集合 %2（%3）中，而该规则排除了它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not in set %2 (%3)</source>
        <translation>%1 不在集合 %2（%3）中</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 does not hold (assumed in this branch: Chainscope cannot decide it)</source>
        <translation>%1 不成立（在此分支中假定如此：Chainscope 无法判定）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>policy DROP</source>
        <translation>策略 DROP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>policy ACCEPT</source>
        <translation>策略 ACCEPT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>end of chain, return</source>
        <translation>链结束，返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>no match</source>
        <translation>未命中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>destination port %1 is none of their %2 ports</source>
        <translation>目的端口 %1 不在这 %2 个端口之中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>protocol %1 is not theirs (%2 rules)</source>
        <translation>协议 %1 与它们不符（%2 条规则）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>destination %1 is none of their %2 addresses</source>
        <translation>目的地址 %1 不是它们的 %2 个地址中的任何一个</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> [branch]</source>
        <translation> [分支]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> (by the chain&apos;s policy)</source>
        <translation>（由链的默认策略决定）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>destination %1 → %2</source>
        <translation>目的地址 %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source %1 → %2</source>
        <translation>源地址 %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mark 0x%1 → 0x%2</source>
        <translation>mark 0x%1 → 0x%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+103"/>
        <location line="+3"/>
        <source>%1:%2 rule %3</source>
        <translation>%1:%2 第 %3 条规则</translation>
    </message>
    <message numerus="yes">
        <location line="+189"/>
        <source>%1: %n rule(s) name %2, but every pod subnet and route is in %3; no interface or route of any node is in %2</source>
        <translation>
            <numerusform>%1：%n 条规则指向 %2，但所有 pod 子网和路由都在 %3 中；没有任何节点的接口或路由在 %2 中</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1: filter FORWARD has policy DROP and no rule accepts pod traffic from %2 to %3 (in %4, out cni0): cross-node pod traffic dies here</source>
        <translation>%1：filter 表 FORWARD 链的策略是 DROP，且没有规则接受从 %2 到 %3（入 %4，出 cni0）的 pod 流量：跨节点的 pod 流量在这里被丢弃</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 %2:%3 rule %4 is never reached: rule %5 before it takes every packet it would</source>
        <translation>%1 %2:%3 规则 %4 永远不会被命中：它之前的规则 %5 会先拿走它能匹配的所有数据包</translation>
    </message>
</context>
<context>
    <name>chainscope::ExplanationPanel</name>
    <message>
        <location filename="../views/explanationpanel.cpp" line="+21"/>
        <source>Why no rule accepted the packet: the nearest misses first, then the lints</source>
        <translation>为什么没有规则接受该数据包：先列出最接近命中的规则，再列出检查提示</translation>
    </message>
</context>
<context>
    <name>chainscope::FoldItem</name>
    <message numerus="yes">
        <location filename="../views/folditem.cpp" line="+13"/>
        <source>%n chain(s) folded</source>
        <translation>
            <numerusform>已折叠 %n 条链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>under %1 — double-click to show %n more</source>
        <translation>
            <numerusform>在 %1 下 — 双击再显示 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>under %1 — double-click to unfold</source>
        <translation>在 %1 下 — 双击展开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>under %1</source>
        <translation>位于 %1 之下</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 under %2; double-click, search or select one in the tree to unfold</source>
        <translation>%1 在 %2 下；双击、搜索或在树中选中其中一条即可展开</translation>
    </message>
</context>
<context>
    <name>chainscope::HelpController</name>
    <message>
        <location filename="../app/helpcontroller.cpp" line="+38"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Chainscope &amp;Help</source>
        <translation>Chainscope 帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workflow, the concepts (hooks, tables, policies, conntrack, NAT) and the keyboard map</source>
        <translation>工作流程、概念（钩子、表、策略、连接跟踪、NAT）和快捷键一览</translation>
    </message>
    <message>
        <location line="+26"/>
        <source># Keyboard

Every shortcut of the main window, as its menus have them. Shortcuts marked *graph* work while the graph has the focus (Delete and F2 belong to text fields elsewhere).

</source>
        <translation># 快捷键

主窗口的所有快捷键，与菜单中显示的一致。标注 *图* 的快捷键在图获得焦点时生效（在其他地方，Delete 和 F2 属于文本框）。

</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> (*graph*)</source>
        <translation>（*图*）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>| Action | Keys |</source>
        <translation>| 操作 | 按键 |</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>## Elsewhere

</source>
        <translation>## 其他位置

</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>## Anywhere in the graph

Arrow keys and Page Up/Down pan, Ctrl+wheel zooms, a double-click on a fold opens it. In lists and trees, Up/Down move and Enter starts what the item stands for.

The compare window (View &gt; Compare Nodes) has its own keys, listed in its menus.
</source>
        <translation>## 图中任意位置

方向键和 Page Up/Down 平移，Ctrl+滚轮缩放，双击折叠项将其展开。在列表和树中，Up/Down 移动，Enter 执行该项对应的操作。

对比窗口（视图 &gt; 对比节点）有自己的快捷键，列在它的菜单中。
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Keyboard</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>chainscope::HelpView</name>
    <message>
        <location filename="../views/helpview.cpp" line="+15"/>
        <source>Chainscope Help</source>
        <translation>Chainscope 帮助</translation>
    </message>
</context>
<context>
    <name>chainscope::Ipsets</name>
    <message>
        <location filename="../model/ipset.cpp" line="+287"/>
        <source>not part of `ipset save` or `ipset list` output, skipped: %1</source>
        <translation>不属于 `ipset save` 或 `ipset list` 的输出，已跳过：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set %1 (%2): element &quot;%3&quot; is not understood; tests against this set that find no element are uncertain</source>
        <translation>集合 %1（%2）：无法识别元素 &quot;%3&quot;；对此集合的测试若找不到元素，结果不确定</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&quot;add&quot; to set %1, which no &quot;create&quot; line above declares: skipped</source>
        <translation>对集合 %1 的 &quot;add&quot;，但上面没有 &quot;create&quot; 行声明它：已跳过</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>set %1 has no &quot;Type:&quot; line; tests against it are uncertain</source>
        <translation>集合 %1 没有 &quot;Type:&quot; 行；对它的测试结果不确定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no ipset found: expected the output of `ipset save` (create/add lines) or `ipset list`</source>
        <translation>未找到 ipset：应为 `ipset save`（create/add 行）或 `ipset list` 的输出</translation>
    </message>
</context>
<context>
    <name>chainscope::Lesson</name>
    <message>
        <location filename="../model/lesson.cpp" line="+31"/>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;title&quot; is required</source>
        <translation>&quot;title&quot; 为必填项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;difficulty&quot; must be 1, 2 or 3</source>
        <translation>&quot;difficulty&quot; 必须为 1、2 或 3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&quot;%1&quot; has %2 hints, the lesson %3</source>
        <translation>“%1”有 %2 条提示，而课程本身有 %3 条</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;goal&quot; must be &quot;delivered&quot; or &quot;accept-local&quot;</source>
        <translation>&quot;goal&quot; 必须为 &quot;delivered&quot; 或 &quot;accept-local&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;scenario&quot; is required: a scenario folder or scenario.json, relative to the lesson</source>
        <translation>&quot;scenario&quot; 为必填项：场景文件夹或 scenario.json，相对于课程所在位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the scenario &quot;%1&quot; does not load</source>
        <translation>场景 &quot;%1&quot; 无法加载</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the scenario has no packet preset &quot;%1&quot;</source>
        <translation>场景中没有数据包预设 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;packet&quot;: %1</source>
        <translation>&quot;packet&quot;：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;packet&quot;: no node named &quot;%1&quot;</source>
        <translation>&quot;packet&quot;：没有名为 &quot;%1&quot; 的节点</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;answer&quot; needs &quot;node&quot;, &quot;table&quot;, &quot;chain&quot; and &quot;rule&quot; (0 for the policy) of the scenario</source>
        <translation>&quot;answer&quot; 需要场景中的 &quot;node&quot;、&quot;table&quot;、&quot;chain&quot; 和 &quot;rule&quot;（策略用 0）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;narrowest_fix&quot;: %1</source>
        <translation>&quot;narrowest_fix&quot;：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;narrowest_fix&quot; must list at least one edit</source>
        <translation>&quot;narrowest_fix&quot; 至少要列出一项修改</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>the change cannot be made: %1</source>
        <translation>无法进行此修改：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the packet already reaches its goal</source>
        <translation>数据包已经达到目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no change made yet</source>
        <translation>尚未做任何修改</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>not yet: %1 of %2 branches reach the goal</source>
        <translation>尚未完成：%2 个分支中有 %1 个达到目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the packet gets through, but the change lets through much more than needed: %1 probe flows against %2 for the narrowest fix (%3)</source>
        <translation>数据包能通过了，但这个修改放行的流量远超所需：%1 个探测流，而最小修复只放行 %2 个（%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>solved: every branch gets through; the change also lets through %1 probe flows (the narrowest fix: %2)</source>
        <translation>已解决：所有分支都能通过；该修改还额外放行了 %1 个探测流（最小修复：%2）</translation>
    </message>
</context>
<context>
    <name>chainscope::LessonController</name>
    <message>
        <location filename="../app/lessoncontroller.cpp" line="+190"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pick a rule or policy row on the graph.</source>
        <translation>在图中选择一条规则或策略行。</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>This is where it &amp;dies</source>
        <translation>就死在这里(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer with the row picked on the graph (Ctrl+Shift+D)</source>
        <translation>用图中选中的行作答（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chec&amp;k my fix</source>
        <translation>检查我的修复(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the candidate rules and policies against the lesson&apos;s goal (Ctrl+Shift+K)</source>
        <translation>根据课程目标检查候选规则和策略（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal the next hint (Ctrl+Shift+H)</source>
        <translation>显示下一条提示（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the &amp;answer</source>
        <translation>显示答案(&amp;A)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ope&amp;n Lesson...</source>
        <translation>打开课程(&amp;N)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This Is Where It &amp;Dies</source>
        <translation>就死在这里(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chec&amp;k My Fix</source>
        <translation>检查我的修复(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Hint</source>
        <translation>显示提示(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the &amp;Answer</source>
        <translation>显示答案(&amp;A)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Trainin&amp;g</source>
        <translation>训练(&amp;G)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1: not a folder (CHAINSCOPE_LESSONS); the bundled lessons are listed instead</source>
        <translation>%1：不是文件夹（CHAINSCOPE_LESSONS）；改为列出内置课程</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+85"/>
        <source>%1: the lesson does not load</source>
        <translation>%1：课程无法加载</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>%1: folder not found</source>
        <translation>%1：找不到文件夹</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>answered</source>
        <translation>已作答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Open Lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This lesson cannot be opened:
%1</source>
        <translation>无法打开此课程：
%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open Lesson Folder</source>
        <translation>打开课程文件夹</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Pick a rule or policy row on the graph, then press &quot;This is where it dies&quot;.</source>
        <translation>在图中选择一条规则或策略行，然后按“就死在这里”。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Hint %1.&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;提示 %1。&lt;/b&gt;%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No hints</source>
        <translation>没有提示</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>All %n hint(s) shown</source>
        <translation>
            <numerusform>已显示全部 %n 条提示</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show &amp;hint (%1 of %2)</source>
        <translation>显示提示(&amp;H)（%1/%2）</translation>
    </message>
    <message>
        <location line="+68"/>
        <location line="+136"/>
        <source>%1 %2 %3 policy</source>
        <translation>%1 %2 %3 策略</translation>
    </message>
    <message>
        <location line="-135"/>
        <location line="+136"/>
        <source>%1 %2 %3 rule %4</source>
        <translation>%1 %2 %3 规则 %4</translation>
    </message>
    <message>
        <location line="-638"/>
        <location line="+492"/>
        <location line="+178"/>
        <source>Picked: %1</source>
        <translation>已选择：%1</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Pick a rule or policy row on the graph first (click it).</source>
        <translation>请先在图中选择一条规则或策略行（点击它）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Right: this is where the packet dies. Now fix it: drag a candidate rule onto the graph, then press &quot;Check my fix&quot;.</source>
        <translation>正确：数据包就死在这里。现在来修复：把一条候选规则拖到图上，然后按“检查我的修复”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not there: the packet does not die at %1. Trace it (Ctrl+T) and follow each branch to its verdict.</source>
        <translation>不对：数据包不是死在 %1。追踪它（Ctrl+T），顺着每个分支看到它的判定结果。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Goal met: %1 of %2 branches get through.</source>
        <translation>达成目标：%2 个分支中有 %1 个能通过。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goal not met: %1 of %2 branches get through.</source>
        <translation>未达成目标：%2 个分支中只有 %1 个能通过。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Your change lets through %n more probe flow(s); the narrowest fix: %1.</source>
        <translation>
            <numerusform>你的修改比最小修复多放行了 %n 个探测流；最小修复：%1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It matches: %1</source>
        <translation>它匹配：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It also lets through: %1</source>
        <translation>它还放行了：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Broader than needed: this works, but opens much more than the incident needs.</source>
        <translation>⚠ 范围过宽：这样能解决问题，但放开的远超这次故障所需。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Solved.</source>
        <translation>已解决。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>cannot apply: %1</source>
        <translation>无法应用：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: iptables -t %2 -P %3 %4</source>
        <translation>%1: iptables -t %2 -P %3 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: iptables -t %2 -I %3 %4 %5</source>
        <translation>%1: iptables -t %2 -I %3 %4 %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Answer.&lt;/b&gt; The packet dies at %1.&lt;br&gt;&lt;b&gt;The narrowest fix:&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;答案。&lt;/b&gt;数据包死在 %1。&lt;br&gt;&lt;b&gt;最小修复：&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>chainscope::LessonsPage</name>
    <message>
        <location filename="../views/lessonspage.cpp" line="+35"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Start Lesson</source>
        <translation>开始课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Lesson Folder...</source>
        <translation>打开课程文件夹...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a lesson from a folder; the folder stays listed here</source>
        <translation>从文件夹开始一个课程；该文件夹会保留在这里的列表中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget Folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop listing the folder this lesson was found in</source>
        <translation>不再列出找到此课程的文件夹</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cannot load</source>
        <translation>无法加载</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>difficulty %1 of 3</source>
        <translation>难度 %1/3</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n lessons folder(s) not found:</source>
        <translation>
            <numerusform>找不到 %n 个课程文件夹：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::ListingParser</name>
    <message>
        <location filename="../model/listingparser.cpp" line="+139"/>
        <source>&quot;%1&quot; is a host name; list with -n so addresses are numeric</source>
        <translation>&quot;%1&quot; 是主机名；请加 -n 列出，使地址以数字显示</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>&quot;%1&quot; is kept but not understood; traces through this rule are uncertain</source>
        <translation>&quot;%1&quot; 已保留但无法识别；经过这条规则的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+482"/>
        <source>this recent print-out is not understood; traces through this rule are uncertain</source>
        <translation>无法识别这段 recent 的输出；经过这条规则的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>line skipped: not part of a listing</source>
        <translation>已跳过该行：不属于规则列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lines %1-%2 skipped: not part of a listing</source>
        <translation>第 %1-%2 行已跳过：不属于规则列表</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>cannot tell which table chain %1 is in: %2. Name it: &quot;table&quot; in scenario.json, or a line &quot;iptables -t %3 -L&quot; before the listing</source>
        <translation>无法判断链 %1 属于哪个表：%2。请在 scenario.json 中给出 &quot;table&quot;，或在列表前加一行 &quot;iptables -t %3 -L&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>chain %1 read as table %2, the first it can be in (a listing does not name its table; give &quot;table&quot; in scenario.json or an &quot;iptables -t TABLE -L&quot; line before it to choose)</source>
        <translation>链 %1 作为表 %2 读取，即它可能属于的第一个表（列表输出不标明所属的表；可在 scenario.json 中给出 &quot;table&quot;，或在前面加一行 &quot;iptables -t TABLE -L&quot; 来指定）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chain %1 read as table %2, from %3</source>
        <translation>链 %1 按 %3 判断作为表 %2 读取</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>chain %1 is listed a second time</source>
        <translation>链 %1 第二次被列出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chain %1 is listed a second time: read as another listing (another node or a later snapshot)</source>
        <translation>链 %1 第二次被列出：作为另一份列表读取（另一个节点或更晚的快照）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>built-in chain %1 is listed without a policy</source>
        <translation>内置链 %1 列出时没有策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chain %1 has a policy but is not a built-in chain of table %2</source>
        <translation>链 %1 有策略，但它不是表 %2 的内置链</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>chain %1 is jumped to but not listed in table %2; traces that reach it are uncertain</source>
        <translation>表 %2 中有规则跳转到链 %1，但该链没有列出；到达它的追踪结果不确定</translation>
    </message>
</context>
<context>
    <name>chainscope::MainWindow</name>
    <message>
        <location filename="../app/mainwindow.cpp" line="+282"/>
        <source>Chainscope</source>
        <translation>Chainscope</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel loading</source>
        <translation>取消加载</translation>
    </message>
    <message>
        <location line="+194"/>
        <source>No scenario</source>
        <translation>没有场景</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Filter chains, addresses, ports, comments (Ctrl+F)</source>
        <translation>过滤链、地址、端口、注释（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the Results</source>
        <translation>转到结果</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dump</source>
        <translation>转储</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>System Language (%1)</source>
        <translation>跟随系统语言（%1）</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Scenario Folder...</source>
        <translation>打开场景文件夹(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Files...</source>
        <translation>打开文件(&amp;F)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Graph</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到选中内容(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fi&amp;lter Chains</source>
        <translation>过滤链(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Node</source>
        <translation>下一个节点(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Previous Node</source>
        <translation>上一个节点(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare Nodes...</source>
        <translation>对比节点(&amp;C)...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Chainscope</source>
        <translation>关于 Chainscope(&amp;A)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Node:</source>
        <translation>节点(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node shown in the graph (Ctrl+PgUp/PgDown)</source>
        <translation>图中显示的节点（Ctrl+PgUp/PgDown）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open Scenario Folder</source>
        <translation>打开场景文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open Scenario or Rule Dumps</source>
        <translation>打开场景或规则转储</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 (+%n more)</source>
        <translation>
            <numerusform>%1（另有 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Loading %1...</source>
        <translation>正在加载 %1...</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Which Table?</source>
        <translation>哪个表？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not say which table its rules are in, and what it holds points to more than one:

%2

Read it as table:</source>
        <translation>%1 没有说明其中的规则属于哪个表，而根据其内容可能属于多个表：

%2

作为以下表读取：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Loading %1 was cancelled.</source>
        <translation>已取消加载 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not load %1:
%2</source>
        <translation>无法加载 %1：
%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading cancelled</source>
        <translation>已取消加载</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading failed</source>
        <translation>加载失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot Open Scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not load %1.</source>
        <translation>无法加载 %1。</translation>
    </message>
    <message numerus="yes">
        <location line="-237"/>
        <source>%1 — %n node(s)</source>
        <translation>
            <numerusform>%1 — %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 — Chainscope</source>
        <translation>%1 — Chainscope</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Scenarios and dumps (scenario.json *.rules *.txt *.save *.dump *.nft *.json);;All files (*)</source>
        <translation>场景和转储 (scenario.json *.rules *.txt *.save *.dump *.nft *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+299"/>
        <source>About Chainscope</source>
        <translation>关于 Chainscope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Chainscope %1&lt;/h3&gt;&lt;p&gt;Shows what netfilter/iptables does to a packet across cluster nodes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Chainscope %1&lt;/h3&gt;&lt;p&gt;展示 netfilter/iptables 在集群各节点上如何处理一个数据包。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>chainscope::NftExplain</name>
    <message>
        <location filename="../model/nftexplain.cpp" line="+35"/>
        <source>policy drop</source>
        <translation>策略 drop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>policy accept</source>
        <translation>策略 accept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>end of chain, return</source>
        <translation>链结束，返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no match</source>
        <translation>未命中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>vmap %1: %2</source>
        <translation>vmap %1：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{ ... }</source>
        <translation>{ ... }</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>`%1` is iptables-nft&apos;s compat match, whose options nft does not print: cannot be decided (taken as not matching on this branch); the host&apos;s iptables-save dump beside this listing decides its rule</source>
        <translation>`%1` 是 iptables-nft 的兼容匹配，nft 不打印其选项：无法判定（在此分支上视为不匹配）；在此列表旁提供该主机的 iptables-save 转储即可由其规则判定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>`%1` cannot be decided (taken as not matching on this branch)</source>
        <translation>无法判定 `%1`（在此分支中按不匹配处理）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(chosen)</source>
        <translation>（已选定）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the packet has no %1, so `%2` does not match</source>
        <translation>数据包没有 %1，因此 `%2` 不匹配</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is %2: no element of the map for it</source>
        <translation>%1 为 %2：映射中没有对应的元素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is %2: `%3` does not hold</source>
        <translation>%1 为 %2：`%3` 不成立</translation>
    </message>
    <message>
        <location line="+59"/>
        <source> [branch]</source>
        <translation> [分支]</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> (by the chain&apos;s policy)</source>
        <translation>（由链的默认策略决定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> [%1]</source>
        <translation> [%1]</translation>
    </message>
    <message>
        <location line="+67"/>
        <source> [iptables-nft, also in the iptables dump]</source>
        <translation> [iptables-nft，也在 iptables 转储中]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> [iptables-nft]</source>
        <translation> [iptables-nft]</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>nft: %n table(s) (%1)</source>
        <translation>
            <numerusform>nft：%n 个表（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n chain(s)</source>
        <translation>
            <numerusform>，%n 条链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source> (%n base)</source>
        <translation>
            <numerusform>（其中 %n 条基础链）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n rule(s)</source>
        <translation>
            <numerusform>，%n 条规则</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>, %n named set(s) and map(s)</source>
        <translation>
            <numerusform>，%n 个命名集合和映射</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> with %n element(s)</source>
        <translation>
            <numerusform>，共 %n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>, policy drop</source>
        <translation>，策略 drop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hook %1: %2</source>
        <translation>钩子 %1：%2</translation>
    </message>
</context>
<context>
    <name>chainscope::NftPanel</name>
    <message>
        <location filename="../views/nftpanel.cpp" line="+101"/>
        <source>Hook, chain or rule</source>
        <translation>钩子、链或规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Table, priority, counters</source>
        <translation>表、优先级、计数器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This node has no nftables rule set. Load its `nft list ruleset` (or `nft -j list ruleset`) beside its iptables dump.</source>
        <translation>此节点没有 nftables 规则集。请在它的 iptables 转储旁加载 `nft list ruleset`（或 `nft -j list ruleset`）的输出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert nft Rule...</source>
        <translation>插入 nft 规则...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Rule (Delete)</source>
        <translation>移除规则（Delete）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toggle Base Chain Policy</source>
        <translation>切换基础链策略</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>type %1, priority %2, policy %3</source>
        <translation>类型 %1，优先级 %2，策略 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>also in the iptables dump: evaluated once</source>
        <translation>iptables 转储中也有：只计算一次</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>handle %1</source>
        <translation>句柄 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 packets, %2 bytes</source>
        <translation>%1 个包，%2 字节</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Hooks: base chains by priority</source>
        <translation>钩子：按优先级排列的基础链</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>iptables table: %n rule(s), policy %1 (shown in the graph)</source>
        <translation>
            <numerusform>iptables 表：%n 条规则，策略 %1（见图）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Regular chains by table</source>
        <translation>按表列出的普通链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sets and maps by table</source>
        <translation>按表列出的集合和映射</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n chain(s)</source>
        <translation>
            <numerusform>%n 条链</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n set(s) and map(s)</source>
        <translation>
            <numerusform>%n 个集合和映射</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>verdict map</source>
        <translation>判决映射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>map</source>
        <translation>映射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>set</source>
        <translation>集合</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter or double-click: list the elements</source>
        <translation>回车或双击：列出元素</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>select an nft chain or rule first: the rule goes before the selected rule, or at the end of the selected chain</source>
        <translation>请先选中一条 nft 链或规则：新规则放在选中的规则之前，或选中链的末尾</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Insert nft Rule</source>
        <translation>插入 nft 规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule for %1 %2 at position %3, as nft writes it (iifname &quot;cni0&quot; accept):</source>
        <translation>%1 %2 第 %3 位的规则，按 nft 的写法（iifname &quot;cni0&quot; accept）：</translation>
    </message>
</context>
<context>
    <name>chainscope::NftSetView</name>
    <message>
        <location filename="../views/nftsetview.cpp" line="+69"/>
        <source>anonymous set</source>
        <translation>匿名集合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 in %3</source>
        <translation>%3 中的%1 %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Map</source>
        <translation>映射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set</source>
        <translation>集合</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>type %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flags %1</source>
        <translation>标志 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>elements not listed (nft -t): lookups are uncertain</source>
        <translation>未列出元素（nft -t）：查找结果不确定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter elements</source>
        <translation>筛选元素</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>判决</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Element</source>
        <translation>元素</translation>
    </message>
</context>
<context>
    <name>chainscope::NodeContext</name>
    <message>
        <location filename="../model/nodecontext.cpp" line="+88"/>
        <source>expected the JSON array of `%1`: %2</source>
        <translation>应为 `%1` 的 JSON 数组：%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>interface %1: bad address &quot;%2&quot;</source>
        <translation>接口 %1：地址 &quot;%2&quot; 无效</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>an interface without &quot;ifname&quot;</source>
        <translation>接口缺少 &quot;ifname&quot;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>expected &quot;INDEX: DEVICE&quot; at the start of the line</source>
        <translation>行首应为 &quot;INDEX: DEVICE&quot;</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>an address before any interface line</source>
        <translation>地址出现在任何接口行之前</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected an address as A.B.C.D/LEN after &quot;inet&quot;</source>
        <translation>&quot;inet&quot; 之后应为 A.B.C.D/LEN 形式的地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an IPv6 address as ADDR/LEN after &quot;inet6&quot;</source>
        <translation>&quot;inet6&quot; 之后应为 ADDR/LEN 形式的 IPv6 地址</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+590"/>
        <source>line not understood, skipped: &quot;%1&quot;</source>
        <translation>无法识别的行，已跳过：&quot;%1&quot;</translation>
    </message>
    <message>
        <location line="-585"/>
        <source>no interfaces found: expected `ip addr`, `ip -o addr` or `ip -j addr` output</source>
        <translation>未找到任何接口：应为 `ip addr`、`ip -o addr` 或 `ip -j addr` 的输出</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>bad route destination &quot;%1&quot;</source>
        <translation>路由目的地址 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>expected a destination</source>
        <translation>应为目的地址</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected &quot;default&quot; or a destination as A.B.C.D[/LEN] or an IPv6 prefix, found &quot;%1&quot;</source>
        <translation>应为 &quot;default&quot;、A.B.C.D[/LEN] 形式的目的地址或 IPv6 前缀，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+386"/>
        <source>ip rule %1: an address not understood, skipped</source>
        <translation>ip rule %1：无法理解其中的地址，已跳过</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>expected &quot;all&quot; or an address as A.B.C.D[/LEN] or an IPv6 prefix, found &quot;%1&quot;</source>
        <translation>应为 &quot;all&quot;、A.B.C.D[/LEN] 形式的地址或 IPv6 前缀，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="-469"/>
        <source>expected a gateway address after &quot;via&quot;</source>
        <translation>&quot;via&quot; 之后应为网关地址</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>route attribute &quot;%1&quot; ignored</source>
        <translation>已忽略路由属性 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+301"/>
        <source>ip rule selector &quot;%1&quot; is not modelled: that rule never matches here</source>
        <translation>ip rule 选择条件 &quot;%1&quot; 未建模：此处该规则永不命中</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>ip rule %1: action &quot;%2&quot; not understood, rule skipped</source>
        <translation>ip rule %1：无法理解动作 &quot;%2&quot;，已跳过该规则</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>expected a mark as 0xMARK[/0xMASK], found &quot;%1&quot;</source>
        <translation>应为 0xMARK[/0xMASK] 形式的标记，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>ip rule word &quot;%1&quot; not understood</source>
        <translation>无法理解 ip rule 关键字 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ip rule %1 has no action: it never decides</source>
        <translation>ip rule %1 没有动作：它从不作出决定</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no rules found: expected `ip rule show` or `ip -j rule` output</source>
        <translation>未找到规则：应为 `ip rule show` 或 `ip -j rule` 的输出</translation>
    </message>
    <message>
        <location line="+202"/>
        <source>local dev %1</source>
        <translation>local dev %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no interface known)</source>
        <translation>（没有已知接口）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no route (network unreachable)</source>
        <translation>无路由（网络不可达）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (rule %1: %2)</source>
        <translation>（规则 %1：%2）</translation>
    </message>
</context>
<context>
    <name>chainscope::NodeStrip</name>
    <message>
        <location filename="../views/nodestrip.cpp" line="+304"/>
        <source>The nodes and the packet&apos;s hops; click a node to show its graph</source>
        <translation>各节点以及数据包经过的每一跳；点击节点显示它的图</translation>
    </message>
</context>
<context>
    <name>chainscope::NoteCommands</name>
    <message>
        <location filename="../app/notecommands.cpp" line="+25"/>
        <source>Add Note &quot;%1&quot;</source>
        <translation>添加备注“%1”</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Delete Note &quot;%1&quot;</source>
        <translation>删除备注“%1”</translation>
    </message>
</context>
<context>
    <name>chainscope::PacketPanel</name>
    <message>
        <location filename="../views/packetpanel.cpp" line="+45"/>
        <source>Packets the scenario names; choosing one fills the fields</source>
        <translation>场景中命名的数据包；选择一个即可填充各字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locally generated by a process on the node, or arriving on one of its interfaces</source>
        <translation>由节点上的进程本机生成，或从它的某个接口进入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chosen by the route</source>
        <translation>由路由决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 10.108.94.160</source>
        <translation>例如 10.108.94.160</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 80</source>
        <translation>例如 80</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 0x4000</source>
        <translation>例如 0x4000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kube-proxy session affinity: whether the client already has an entry in an endpoint&apos;s recent list (-m recent --rcheck), so the service sends it there again</source>
        <translation>kube-proxy 会话亲和性：客户端是否已在某个 endpoint 的 recent 列表（-m recent --rcheck）中有记录，若有，服务会再次把它发往那里</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;rom node:</source>
        <translation>来源节点(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Interface:</source>
        <translation>接口(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ource:</source>
        <translation>源地址(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Destination:</source>
        <translation>目的地址(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protoco&amp;l:</source>
        <translation>协议(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>So&amp;urce port:</source>
        <translation>源端口(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destin&amp;ation port:</source>
        <translation>目的端口(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;CMP type:</source>
        <translation>ICMP 类型(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ICMP: 8 echo request, 0 echo reply, 3 destination unreachable; ICMPv6: 128 echo request, 129 echo reply, 135 neighbour solicitation</source>
        <translation>ICMP：8 回显请求，0 回显应答，3 目标不可达；ICMPv6：128 回显请求，129 回显应答，135 邻居请求</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conntrac&amp;k state:</source>
        <translation>连接跟踪状态(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark:</source>
        <translation>标记(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session affinit&amp;y:</source>
        <translation>会话亲和性(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trace</source>
        <translation>追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace this packet (Ctrl+T)</source>
        <translation>追踪此数据包（Ctrl+T）</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+24"/>
        <source>(custom)</source>
        <translation>（自定义）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(locally generated)</source>
        <translation>（本机生成）</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>required: expected an address such as 10.224.2.16 or fd00:10:96::a</source>
        <translation>必填：应为地址，例如 10.224.2.16 或 fd00:10:96::a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an IPv4 or IPv6 address such as 10.224.2.16 or fd00:10:96::a, found &quot;%1&quot;</source>
        <translation>应为 IPv4 或 IPv6 地址，例如 10.224.2.16 或 fd00:10:96::a，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>required for a packet arriving on an interface: expected an address</source>
        <translation>从接口进入的数据包必须填写：应为地址</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the source is %1 and the destination %2: a packet has one family</source>
        <translation>源地址是 %1，目的地址是 %2：一个数据包只能属于一个地址族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>icmp is IPv4&apos;s: choose ipv6-icmp for an IPv6 destination</source>
        <translation>icmp 属于 IPv4：IPv6 目的地址请选择 ipv6-icmp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ipv6-icmp is IPv6&apos;s: choose icmp for an IPv4 destination</source>
        <translation>ipv6-icmp 属于 IPv6：IPv4 目的地址请选择 icmp</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the source</source>
        <translation>源地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the destination port</source>
        <translation>目的端口</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To trace, fill in %1.</source>
        <translation>要追踪，请填写%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="-256"/>
        <location line="+49"/>
        <location line="+76"/>
        <source>arriving on %1</source>
        <translation>从 %1 进入</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>arriving on %1 (%2)</source>
        <translation>从 %1 进入（%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>arriving on %1 (named in the rules)</source>
        <translation>从 %1 进入（规则中提到的接口）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(new client: no affinity entry)</source>
        <translation>（新客户端：无亲和性记录）</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+88"/>
        <location line="+47"/>
        <source>has an entry in %1</source>
        <translation>在 %1 中有记录</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>required: a number from 1 to %1</source>
        <translation>必填：1 到 %1 之间的数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected a number from 0 to %1, found &quot;%2&quot;</source>
        <translation>应为 0 到 %1 之间的数字，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>expected a number such as 0x4000, found &quot;%1&quot;</source>
        <translation>应为数字，例如 0x4000，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no scenario loaded</source>
        <translation>未加载场景</translation>
    </message>
</context>
<context>
    <name>chainscope::PacketSpec</name>
    <message>
        <location filename="../model/packet.cpp" line="+69"/>
        <source>(source from the route)</source>
        <translation>（源地址由路由决定）</translation>
    </message>
</context>
<context>
    <name>chainscope::PathFigure</name>
    <message>
        <location filename="../views/pathfigure.cpp" line="+400"/>
        <source>%1, locally generated on %2</source>
        <translation>%1，在 %2 上本机生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, arriving on %2 %3</source>
        <translation>%1，从 %2 %3 进入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(source address chosen by the route)</source>
        <translation>（源地址由路由选定）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 (again)</source>
        <translation>%1（再次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locally generated</source>
        <translation>本机生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrives on %1</source>
        <translation>从 %1 进入</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+70"/>
        <source>%1 %2 policy %3</source>
        <translation>%1 %2 策略 %3</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>rules %1-%2: no match (each names another destination)</source>
        <translation>规则 %1-%2：未命中（各自指向其他目的地址）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+66"/>
        <source>(every packet)</source>
        <translation>（所有数据包）</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+66"/>
        <source>(candidate)</source>
        <translation>（候选）</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+66"/>
        <source>nearest miss: %1</source>
        <translation>最接近的未命中：%1</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+285"/>
        <source>Note %1</source>
        <translation>备注 %1</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>rules %1-%2: no match</source>
        <translation>规则 %1-%2：未命中</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+439"/>
        <location line="+138"/>
        <source>Chainscope: %1</source>
        <translation>Chainscope：%1</translation>
    </message>
    <message>
        <location line="-575"/>
        <source>(page %1 of %2)</source>
        <translation>（第 %1 页，共 %2 页）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Packet: %1</source>
        <translation>数据包：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none traced)</source>
        <translation>（未追踪）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verdict: %1</source>
        <translation>判定：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nodes: %1. Exported %2 by Chainscope %3</source>
        <translation>节点：%1。由 Chainscope %3 于 %2 导出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>packet path</source>
        <translation>数据包路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matched</source>
        <translation>命中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passed, no match</source>
        <translation>经过，未命中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped here</source>
        <translation>在此丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted here</source>
        <translation>在此接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>candidate rule</source>
        <translation>候选规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nearest miss</source>
        <translation>最接近的未命中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>%1 hook</source>
        <translation>%1 钩子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from %1 hook</source>
        <translation>来自 %1 钩子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>again, %1</source>
        <translation>再次，%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 hook, policy %2</source>
        <translation>%1 钩子，策略 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>policy %1</source>
        <translation>策略 %1</translation>
    </message>
    <message>
        <location line="+320"/>
        <location line="+90"/>
        <location line="+11"/>
        <location line="+36"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>%1: the picture is too large for an image</source>
        <translation>%1：图太大，无法生成图片</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Chainscope %1</source>
        <translation>Chainscope %1</translation>
    </message>
</context>
<context>
    <name>chainscope::ProblemTree</name>
    <message>
        <location filename="../views/problemtree.cpp" line="+21"/>
        <source>Problems from loading, one row per kind; expand a kind for each place, double-click or Enter to show the line</source>
        <translation>加载时发现的问题，每类一行；展开某类可查看每一处，双击或按 Enter 显示对应的行</translation>
    </message>
</context>
<context>
    <name>chainscope::ReachabilityController</name>
    <message>
        <location filename="../app/reachabilitycontroller.cpp" line="+27"/>
        <source>&amp;Reachability...</source>
        <translation>可达性(&amp;R)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every service from every node&apos;s host and pods, before and after the candidate rules</source>
        <translation>从每个节点的主机和 Pod 访问每个服务，候选规则前后对比</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Open a scenario first: the audit traces its services from every node.</source>
        <translation>请先打开一个场景：审计会从每个节点追踪它的服务。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Auditing: every service from every node&apos;s host and pods, with every endpoint...</source>
        <translation>正在审计：从每个节点的主机和 Pod 访问每个服务，覆盖每个 endpoint……</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The audit was cancelled. Audit Again (F5) starts it anew.</source>
        <translation>审计已取消。“重新审计”（F5）可重新开始。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 targets from %2 sources: %3 flows, %4 delivered on all endpoints, %5 on some, %6 on none, %7 uncertain (%8 ms)</source>
        <translation>%1 个目标，%2 个来源：%3 条流，%4 条在所有 endpoint 送达，%5 条部分送达，%6 条均未送达，%7 条不确定（%8 毫秒）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With the candidate rules: %1 fixed, %2 newly opened from outside, %3 newly broken.</source>
        <translation>加上候选规则后：%1 条被修复，%2 条新对外部开放，%3 条新被阻断。</translation>
    </message>
</context>
<context>
    <name>chainscope::ReachabilityModel</name>
    <message>
        <location filename="../views/reachabilitymodel.cpp" line="+155"/>
        <source>delivered on all endpoints</source>
        <translation>所有 endpoint 均送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered on some endpoints</source>
        <translation>部分 endpoint 送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered on none</source>
        <translation>均未送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>not audited</source>
        <translation>未审计</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>fixed</source>
        <translation>被修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>newly opened from outside</source>
        <translation>新对外部开放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>newly broken</source>
        <translation>新被阻断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gone</source>
        <translation>消失</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>with the candidate rules: %1</source>
        <translation>加上候选规则后：%1</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1
host</source>
        <translation>%1
主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
pod</source>
        <translation>%1
Pod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
outside</source>
        <translation>%1
外部</translation>
    </message>
</context>
<context>
    <name>chainscope::ReachabilityWindow</name>
    <message>
        <location filename="../app/reachabilitywindow.cpp" line="+120"/>
        <source>Reachability</source>
        <translation>可达性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit Again</source>
        <translation>重新审计(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace every flow again (F5)</source>
        <translation>重新追踪每条流（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service, address or node</source>
        <translation>服务、地址或节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only flows that fail</source>
        <translation>只看失败的流(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a cell or press Enter to trace that flow in the main window</source>
        <translation>点击单元格或按 Enter，在主窗口中追踪该流</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No audit yet</source>
        <translation>尚未审计</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>All %n flow(s)</source>
        <translation>
            <numerusform>全部 %n 条流</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the candidate rules change</source>
        <translation>候选规则带来的变化</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1: %n flow(s)</source>
        <translation>
            <numerusform>%1：%n 条流</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>By the deciding rule</source>
        <translation>按作出判定的规则</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>without a route</source>
        <translation>没有路由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped</source>
        <translation>被丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undecided</source>
        <translation>未判定</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n flow(s) %1 by %2</source>
        <translation>
            <numerusform>%n 条流%1，判定者：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::ReportWriter</name>
    <message>
        <location filename="../views/reportwriter.cpp" line="+49"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="+114"/>
        <source># at position %1: nft insert rule %2 %3 %4 position HANDLE %5  (HANDLE: see nft -a list chain %2 %3 %4)</source>
        <translation># 插入到第 %1 条：nft insert rule %2 %3 %4 position HANDLE %5  （HANDLE：见 nft -a list chain %2 %3 %4）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Postmortem: %1</source>
        <translation>事后分析：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>after the fix</source>
        <translation>修复后</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>before the fix</source>
        <translation>修复前</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packet</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before the fix</source>
        <translation>修复前</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>(not traced)</source>
        <translation>（未追踪）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After the fix</source>
        <translation>修复后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 by Chainscope %2</source>
        <translation>%1，由 Chainscope %2 生成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The packet&apos;s path before the fix</source>
        <translation>修复前数据包的路径</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The packet&apos;s path after the fix</source>
        <translation>修复后数据包的路径</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <location line="+22"/>
        <location line="+85"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Hook</source>
        <translation>钩子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chain</source>
        <translation>链</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+59"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+6"/>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Every rule the packet met before the fix, in the kernel&apos;s order; the last row decided.</source>
        <translation>修复前数据包遇到的每条规则，按内核的顺序排列；最后一行作出了判定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No packet was traced.</source>
        <translation>没有追踪数据包。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Explanation and nearest misses</source>
        <translation>解释与最接近的未命中</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 accepted the packet before it was dropped, but an accept ends only its own table or base chain: %2</source>
        <translation>%1 在丢弃之前已接受该数据包，但 accept 只结束它自己的表或基础链：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No accepting rule was passed on the deciding node: none came close.</source>
        <translation>作出判定的节点上没有经过任何接受规则：没有接近命中的规则。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No accepting rule was passed in the chain that decided.</source>
        <translation>在作出决定的链中没有经过任何接受规则。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rules that would have accepted the packet, closest first, and what each lacked:</source>
        <translation>本可接受该数据包的规则（最接近的在前），以及各自缺少的条件：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What failed</source>
        <translation>未满足的条件</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lints</source>
        <translation>检查提示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No findings.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Blast radius</source>
        <translation>影响范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No fix was given (--insert, --policy, or the window&apos;s candidate rules).</source>
        <translation>没有给出修复（--insert、--policy 或窗口中的候选规则）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What else it lets through</source>
        <translation>它还会放行什么</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>BROAD: %1</source>
        <translation>范围过宽：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for example: %1</source>
        <translation>例如：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No fix was given.</source>
        <translation>没有给出修复。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>On %1, with iptables (legacy or nft backend):</source>
        <translation>在 %1 上，用 iptables（legacy 或 nft 后端）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On %1, with nft:</source>
        <translation>在 %1 上，用 nft：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On %1, kept across reboots and Docker restarts by a systemd unit:</source>
        <translation>在 %1 上，用 systemd 单元在重启和 Docker 重启后保持：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On %1, kept across reboots by a systemd unit:</source>
        <translation>在 %1 上，由一个 systemd 单元在重启后保持：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chainscope fix for %1</source>
        <translation>Chainscope 对 %1 的修复</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Where the data came from</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario: %1</source>
        <translation>场景：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dump time</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kernel when collected</source>
        <translation>采集时的内核</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>not in the dump</source>
        <translation>导出内容中没有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not collected</source>
        <translation>未采集</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No notes.</source>
        <translation>没有备注。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>en</source>
        <comment>HTML lang of the report</comment>
        <translation>zh-CN</translation>
    </message>
</context>
<context>
    <name>chainscope::RuleParser</name>
    <message>
        <location filename="../model/ruleparser.cpp" line="+249"/>
        <source>option &quot;%1&quot; requires an argument</source>
        <translation>选项 &quot;%1&quot; 需要一个参数</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+6"/>
        <source>invalid port/service &quot;%1&quot; specified</source>
        <translation>指定的端口/服务 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>invalid portrange (min &gt; max): &quot;%1&quot;</source>
        <translation>端口范围无效（min &gt; max）：&quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+2"/>
        <source>Port &quot;%1&quot; not valid</source>
        <translation>端口 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port range &quot;%1&quot; not valid (min &gt; max)</source>
        <translation>端口范围 &quot;%1&quot; 无效（min &gt; max）</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+193"/>
        <source>multiple &quot;!&quot; flags not allowed</source>
        <translation>不允许多个 &quot;!&quot; 标志</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>option &quot;%1&quot; doesn&apos;t allow an argument</source>
        <translation>选项 &quot;%1&quot; 不接受参数</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>unexpected &quot;!&quot; before -m</source>
        <translation>-m 之前出现了意外的 &quot;!&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot have ! before -j</source>
        <translation>-j 之前不能有 !</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Bad argument &quot;%1&quot;</source>
        <translation>参数 &quot;%1&quot; 错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown option &quot;%1&quot;</source>
        <translation>未知选项 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;!&quot; at the end of the rule negates nothing</source>
        <translation>规则末尾的 &quot;!&quot; 没有否定任何东西</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>this is an IPv6 rule set; -4 rules belong to iptables</source>
        <translation>这是 IPv6 规则集；-4 规则属于 iptables</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this is an IPv4 rule set; -6 rules belong to ip6tables</source>
        <translation>这是 IPv4 规则集；-6 规则属于 ip6tables</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>-f is not supported by ip6tables: match fragments with -m frag</source>
        <translation>ip6tables 不支持 -f：请用 -m frag 匹配分片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>multiple -f flags not allowed</source>
        <translation>不允许多个 -f 标志</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+29"/>
        <source>multiple %1 flags not allowed</source>
        <translation>不允许多个 %1 标志</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>an address list makes one rule per address; write one rule for each</source>
        <translation>地址列表会为每个地址生成一条规则；请为每个地址各写一条规则</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>host/network &quot;%1&quot; not found: an IPv6 address belongs in ip6tables</source>
        <translation>找不到主机/网络 &quot;%1&quot;：IPv6 地址应写在 ip6tables 中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host/network &quot;%1&quot; not found: an IPv4 address belongs in iptables</source>
        <translation>找不到主机/网络 &quot;%1&quot;：IPv4 地址应写在 iptables 中</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+132"/>
        <location line="+659"/>
        <source>host/network &quot;%1&quot; not found</source>
        <translation>找不到主机/网络 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="-777"/>
        <source>interface name &quot;%1&quot; must be shorter than IFNAMSIZ (15)</source>
        <translation>接口名 &quot;%1&quot; 必须短于 IFNAMSIZ（15）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>multiple -p flags not allowed</source>
        <translation>不允许多个 -p 标志</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+352"/>
        <source>unknown protocol &quot;%1&quot; specified</source>
        <translation>指定了未知协议 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="-346"/>
        <location line="+348"/>
        <source>rule would never match protocol</source>
        <translation>该规则永远不会匹配此协议</translation>
    </message>
    <message>
        <location line="-328"/>
        <location line="+3"/>
        <source>-c requires packet and byte counter</source>
        <translation>-c 需要数据包计数和字节计数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>-c packet counter not numeric</source>
        <translation>-c 的数据包计数不是数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>-c byte counter not numeric</source>
        <translation>-c 的字节计数不是数字</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Couldn&apos;t load match &quot;%1&quot;: it is an %2 match, and this is an %3 rule set</source>
        <translation>无法加载匹配模块 &quot;%1&quot;：它是 %2 模块，而这是 %3 规则集</translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+2"/>
        <source>Unknown TCP flag &quot;%1&quot;</source>
        <translation>未知的 TCP 标志 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unable to parse TCP option &quot;%1&quot;</source>
        <translation>无法解析 TCP 选项 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Invalid ICMPv6 type &quot;%1&quot;</source>
        <translation>无效的 ICMPv6 类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Invalid ICMPv6 code &quot;%1&quot;</source>
        <translation>无效的 ICMPv6 代码 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>hl: bad value for option &quot;%1&quot;, or out of range (0-255).</source>
        <translation>hl：选项 &quot;%1&quot; 的值无效或超出范围 (0-255)。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Invalid ICMP type &quot;%1&quot;</source>
        <translation>无效的 ICMP 类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Invalid ICMP code &quot;%1&quot;</source>
        <translation>无效的 ICMP 代码 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>multiport can only have one option</source>
        <translation>multiport 只能有一个选项</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>too many ports specified</source>
        <translation>指定的端口过多</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bad ctstate &quot;%1&quot;</source>
        <translation>ctstate &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Bad ctstatus &quot;%1&quot;</source>
        <translation>ctstatus &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <source>conntrack: bad value for option &quot;--ctexpire&quot; near &quot;%1&quot;, or out of range (0-4294967295).</source>
        <translation>conntrack：选项 &quot;--ctexpire&quot; 在 &quot;%1&quot; 附近的值无效，或超出范围（0-4294967295）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expire min value %1 is greater than max value %2</source>
        <translation>expire 最小值 %1 大于最大值 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown --ctdir &quot;%1&quot;</source>
        <translation>未知的 --ctdir &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: bad integer value for option &quot;--mark&quot;, or out of range: &quot;%2&quot;</source>
        <translation>%1：选项 &quot;--mark&quot; 的整数值无效或超出范围：&quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>addrtype: bad type &quot;%1&quot;</source>
        <translation>addrtype：类型 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ipv6 BLACKHOLE matching not supported</source>
        <translation>IPv6 不支持匹配 BLACKHOLE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ipv6 PROHIBIT (THROW, NAT ..) matching not supported</source>
        <translation>IPv6 不支持匹配 PROHIBIT（THROW、NAT 等）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ipv6 does not support BROADCAST matching</source>
        <translation>IPv6 不支持匹配 BROADCAST</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>COMMENT must be shorter than 256 characters</source>
        <translation>COMMENT 必须短于 256 个字符</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>statistic: bad mode &quot;%1&quot;</source>
        <translation>statistic：模式 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>statistic: bad value for option &quot;--probability&quot;, or out of range (0-1).</source>
        <translation>statistic：选项 &quot;--probability&quot; 的值无效，或超出范围（0-1）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>statistic: bad value for option &quot;%1&quot;, or out of range (%2-4294967295).</source>
        <translation>statistic：选项 &quot;%1&quot; 的值无效，或超出范围（%2-4294967295）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>iprange: bad address range &quot;%1&quot;</source>
        <translation>iprange：地址范围 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Bad packet type &quot;%1&quot;</source>
        <translation>数据包类型 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+4"/>
        <location line="+2"/>
        <source>length: bad value for option &quot;--length&quot; near &quot;%1&quot;, or out of range (0-65535).</source>
        <translation>length：选项 &quot;--length&quot; 在 &quot;%1&quot; 附近的值无效，或超出范围（0-65535）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>length: invalid range &quot;%1&quot; (min &gt; max)</source>
        <translation>length：范围 &quot;%1&quot; 无效（min &gt; max）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>limit does not support invert</source>
        <translation>limit 不支持取反</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>bad --limit-burst &quot;%1&quot;</source>
        <translation>--limit-burst &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <source>bad rate &quot;%1&quot;</source>
        <translation>速率 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rate too fast &quot;%1&quot;</source>
        <translation>速率 &quot;%1&quot; 过快</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>owner: bad value for option &quot;%1&quot;: &quot;%2&quot;</source>
        <translation>owner：选项 &quot;%1&quot; 的值无效：&quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>owner: option &quot;--suppl-groups&quot; cannot be inverted.</source>
        <translation>owner：选项 &quot;--suppl-groups&quot; 不能取反。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owner: Bad value for &quot;--suppl-groups&quot; option: &quot;you need to use --gid-owner first&quot;</source>
        <translation>owner：&quot;--suppl-groups&quot; 选项的值无效：&quot;需要先使用 --gid-owner&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--match-set requires two args.</source>
        <translation>--match-set 需要两个参数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You must specify (the comma separated list of) &apos;src&apos; or &apos;dst&apos;</source>
        <translation>必须指定 &apos;src&apos; 或 &apos;dst&apos;（可用逗号分隔列出多个）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>set: bad value for option &quot;%1&quot;: &quot;%2&quot;</source>
        <translation>set：选项 &quot;%1&quot; 的值无效：&quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Invalid MAC address specified: &quot;%1&quot;</source>
        <translation>指定的 MAC 地址无效：&quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ttl: bad value for option &quot;%1&quot;, or out of range (0-255).</source>
        <translation>ttl：选项 &quot;%1&quot; 的值无效，或超出范围（0-255）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>recent: bad value for option &quot;%1&quot;, or out of range (0-4294967295).</source>
        <translation>recent：选项 &quot;%1&quot; 的值无效，或超出范围（0-4294967295）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>recent: the name must be 1 to 199 characters long</source>
        <translation>recent：名称长度必须为 1 到 199 个字符</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>nfacct: option &quot;--nfacct-name&quot; cannot be inverted.</source>
        <translation>nfacct：选项 &quot;--nfacct-name&quot; 不能取反。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nfacct: name &quot;%1&quot; must be 1 to 31 characters long</source>
        <translation>nfacct：名称 &quot;%1&quot; 的长度必须为 1 到 31 个字符</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+591"/>
        <source>%1: option &quot;%2&quot; must be specified</source>
        <translation>%1：必须指定选项 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="-586"/>
        <source>tcp match: only valid for protocol 6 (use -p tcp)</source>
        <translation>tcp 匹配：仅对协议 6 有效（请使用 -p tcp）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>udp match: only valid for protocol 17 (use -p udp)</source>
        <translation>udp 匹配：仅对协议 17 有效（请使用 -p udp）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sctp match: only valid for protocol 132 (use -p sctp)</source>
        <translation>sctp 匹配：仅对协议 132 有效（请使用 -p sctp）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dccp match: only valid for protocol 33 (use -p dccp)</source>
        <translation>dccp 匹配：仅对协议 33 有效（请使用 -p dccp）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>icmp match: only valid for protocol 1 (use -p icmp)</source>
        <translation>icmp 匹配：仅对协议 1 有效（请使用 -p icmp）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>icmp6 match: only valid for protocol 58 (use -p ipv6-icmp)</source>
        <translation>icmp6 匹配：仅对协议 58 有效（请用 -p ipv6-icmp）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>hl match: You must specify one of &quot;--hl-eq&quot;, &quot;--hl-lt&quot;, &quot;--hl-gt&quot;</source>
        <translation>hl 匹配：必须指定 &quot;--hl-eq&quot;、&quot;--hl-lt&quot;、&quot;--hl-gt&quot; 之一</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>multiport expects an option</source>
        <translation>multiport 需要一个选项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP</source>
        <translation>multiport 仅适用于 TCP、UDP、UDPLITE、SCTP 和 DCCP</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>recent: you must specify one of `--set&apos;, `--rcheck&apos; `--update&apos; or `--remove&apos;</source>
        <translation>recent：必须指定 `--set&apos;、`--rcheck&apos;、`--update&apos; 或 `--remove&apos; 之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recent: only one of `--set&apos;, `--rcheck&apos; `--update&apos; or `--remove&apos; may be set</source>
        <translation>recent：`--set&apos;、`--rcheck&apos;、`--update&apos; 或 `--remove&apos; 只能设置其中一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recent: --rttl may only be used with --rcheck or --update</source>
        <translation>recent：--rttl 只能与 --rcheck 或 --update 一起使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>xt_recent: --seconds, --hitcount and --reap need --rcheck or --update</source>
        <translation>xt_recent：--seconds、--hitcount 和 --reap 需要 --rcheck 或 --update</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>xt_recent: --reap needs --seconds</source>
        <translation>xt_recent：--reap 需要 --seconds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>xt_recent: hitcount (%1) is larger than allowed maximum (65535)</source>
        <translation>xt_recent：hitcount（%1）大于允许的最大值（65535）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>iprange match: You must specify &quot;--src-range&quot; or &quot;--dst-range&quot;</source>
        <translation>iprange 匹配：必须指定 &quot;--src-range&quot; 或 &quot;--dst-range&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TTL match: You must specify one of &quot;--ttl-eq&quot;, &quot;--ttl-lt&quot;, &quot;--ttl-gt&quot;</source>
        <translation>TTL 匹配：必须指定 &quot;--ttl-eq&quot;、&quot;--ttl-lt&quot;、&quot;--ttl-gt&quot; 之一</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>conntrack: At least one option is required</source>
        <translation>conntrack：至少需要一个选项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PHYSDEV: no physdev option specified</source>
        <translation>PHYSDEV：未指定任何 physdev 选项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>addrtype: you must specify --src-type or --dst-type</source>
        <translation>addrtype：必须指定 --src-type 或 --dst-type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>addrtype: option &quot;--limit-iface-in&quot; cannot be used together with &quot;--limit-iface-out&quot;.</source>
        <translation>addrtype：选项 &quot;--limit-iface-in&quot; 不能与 &quot;--limit-iface-out&quot; 一起使用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>statistic: option &quot;--mode&quot; must be specified</source>
        <translation>statistic：必须指定选项 &quot;--mode&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>--probability must be specified when using random mode</source>
        <translation>使用 random 模式时必须指定 --probability</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>--every and --packet can only be used in nth mode</source>
        <translation>--every 和 --packet 只能在 nth 模式下使用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--probability can only be used in random mode</source>
        <translation>--probability 只能在 random 模式下使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--every must be specified in nth mode</source>
        <translation>nth 模式下必须指定 --every</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>statistic: option &quot;--every&quot; also requires &quot;--packet&quot;.</source>
        <translation>statistic：选项 &quot;--every&quot; 还需要 &quot;--packet&quot;。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the --packet p must be 0 &lt;= p &lt;= n-1</source>
        <translation>--packet p 必须满足 0 &lt;= p &lt;= n-1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>owner match: only valid in the OUTPUT and POSTROUTING chains</source>
        <translation>owner 匹配：仅在 OUTPUT 和 POSTROUTING 链中有效</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>multiple -j flags not allowed</source>
        <translation>不允许多个 -j 标志</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a target name is required after %1</source>
        <translation>%1 之后需要一个目标名</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1: option &quot;%2&quot; can only be used once.</source>
        <translation>%1：选项 &quot;%2&quot; 只能使用一次。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+26"/>
        <location line="+21"/>
        <source>%1: bad integer value for option &quot;%2&quot;, or out of range.</source>
        <translation>%1：选项 &quot;%2&quot; 的整数值无效，或超出范围。</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+11"/>
        <source>%1 target: Can&apos;t specify more than one mark operation</source>
        <translation>%1 目标：不能指定多个 mark 操作</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>CONNMARK target: Can&apos;t specify more than one mark operation</source>
        <translation>CONNMARK 目标：不能指定多个 mark 操作</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+21"/>
        <source>Bad IP address &quot;%1&quot;</source>
        <translation>IP 地址 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bad IP range &quot;%1&quot;</source>
        <translation>IP 范围 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+23"/>
        <source>Need TCP, UDP, SCTP or DCCP with port specification</source>
        <translation>指定端口时需要 TCP、UDP、SCTP 或 DCCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shifted portmap ranges not supported with this kernel</source>
        <translation>该内核不支持平移的端口映射范围</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>unknown reject type &quot;%1&quot;</source>
        <translation>未知的 reject 类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REJECT: TCP_RESET invalid for non-tcp</source>
        <translation>REJECT：TCP_RESET 对非 tcp 协议无效</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No prefix specified for --log-prefix</source>
        <translation>--log-prefix 未指定前缀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum prefix length 29 for --log-prefix</source>
        <translation>--log-prefix 的前缀最长为 29</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newlines not allowed in --log-prefix</source>
        <translation>--log-prefix 中不允许换行</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>log level &quot;%1&quot; unknown</source>
        <translation>未知的日志级别 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot parse %1 as a zone ID</source>
        <translation>无法把 %1 解析为 zone ID</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>CT: unknown event type &quot;%1&quot;</source>
        <translation>CT：未知的事件类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>CT: option &quot;%1&quot; requires a name</source>
        <translation>CT：选项 &quot;%1&quot; 需要一个名称</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>NFLOG: bad value for option &quot;%1&quot;, or out of range (0-%2).</source>
        <translation>NFLOG：选项 &quot;%1&quot; 的值无效，或超出范围（0-%2）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: option &quot;%2&quot; cannot be inverted.</source>
        <translation>%1：选项 &quot;%2&quot; 不能取反。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1 target: only valid in nat table, not %2</source>
        <translation>%1 目标：仅在 nat 表中有效，不能用于 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required</source>
        <translation>MARK：需要 --set-xmark、--{and,or,xor,set}-mark 选项之一</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CONNMARK target: No operation specified</source>
        <translation>CONNMARK 目标：未指定操作</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>NETMAP: option &quot;--to&quot; must be specified</source>
        <translation>NETMAP：必须指定选项 &quot;--to&quot;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 target: only valid in raw table, not %2</source>
        <translation>%1 目标：仅在 raw 表中有效，不能用于 %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Can&apos;t use -i with %1</source>
        <translation>-i 不能与 %1 一起使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can&apos;t use -o with %1</source>
        <translation>-o 不能与 %1 一起使用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 target: not valid in the %2 chain</source>
        <translation>%1 目标：在 %2 链中无效</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>unterminated quoted string</source>
        <translation>引号字符串未结束</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected a space after the closing quote</source>
        <translation>结束引号之后应有空格</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>can&apos;t initialize iptables table &quot;%1&quot;: Table does not exist</source>
        <translation>无法初始化 iptables 表 &quot;%1&quot;：表不存在</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this rule names table %1 but goes into table %2</source>
        <translation>该规则写的是表 %1，但被放进了表 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>option &quot;%1&quot; requires a chain name</source>
        <translation>选项 &quot;%1&quot; 需要一个链名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this rule names chain %1 but goes into chain %2</source>
        <translation>该规则写的是链 %1，但被放进了链 %2</translation>
    </message>
</context>
<context>
    <name>chainscope::Scenario</name>
    <message>
        <location filename="../model/scenario.cpp" line="+40"/>
        <location line="+13"/>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>file is larger than 512 MB</source>
        <translation>文件大于 512 MB</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>node %1: nft table %2 %3 is iptables-nft&apos;s %3 table, which the node&apos;s iptables dump also holds: shown, evaluated once (from the iptables dump)</source>
        <translation>节点 %1：nft 表 %2 %3 是 iptables-nft 的 %3 表，该节点的 iptables 转储中也有它：已显示，只计算一次（按 iptables 转储）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>node %1 has no addresses or routes: routes are assumed from its rules (every destination leaves by %2 unless the rules place it behind another interface)</source>
        <translation>节点 %1 没有地址或路由：根据其规则推断路由（除非规则把某个目的地址放在其他接口后面，否则所有目的地址都从 %2 出去）</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n rule(s) use ipsets not in the node&apos;s ipset file (%1): traces through them are uncertain</source>
        <translation>
            <numerusform>%n 条规则使用了不在节点 ipset 文件（%1）中的 ipset：经过它们的追踪结果不确定</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rule(s) use ipsets whose contents are not loaded (%1): traces through them are uncertain; give the node&apos;s `ipset save` output</source>
        <translation>
            <numerusform>%n 条规则使用了未加载内容的 ipset（%1）：经过它们的追踪结果不确定；请提供该节点的 `ipset save` 输出</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&quot;from&quot; is required: a node name (locally generated) or NODE:INTERFACE (arriving)</source>
        <translation>&quot;from&quot; 为必填项：节点名（本机生成）或 NODE:INTERFACE（从接口进入）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is required</source>
        <translation>&quot;%1&quot; 为必填项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot;: expected an IPv4 or IPv6 address, found &quot;%2&quot;</source>
        <translation>&quot;%1&quot;：应为 IPv4 或 IPv6 地址，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;src&quot; %1 and &quot;dst&quot; %2 are of different families</source>
        <translation>&quot;src&quot; %1 与 &quot;dst&quot; %2 属于不同的地址族</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;proto&quot;: expected tcp, udp, icmp or a protocol number, found &quot;%1&quot;</source>
        <translation>&quot;proto&quot;：应为 tcp、udp、icmp 或协议号，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot;: expected a whole number from 0 to %2</source>
        <translation>&quot;%1&quot;：应为 0 到 %2 之间的整数</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&quot;dport&quot; is required for %1</source>
        <translation>对于 %1，&quot;dport&quot; 为必填项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;ctstate&quot;: expected NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED, found &quot;%1&quot;</source>
        <translation>&quot;ctstate&quot;：应为 NEW、ESTABLISHED、RELATED、INVALID 或 UNTRACKED，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;affinity&quot;: expected a recent list name (such as KUBE-SEP-...) or an array of them</source>
        <translation>&quot;affinity&quot;：应为 recent 列表名（例如 KUBE-SEP-...）或由其组成的数组</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;mark&quot;: expected a number such as 0x4000</source>
        <translation>&quot;mark&quot;：应为数字，例如 0x4000</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;nodes&quot; must be a non-empty array of {&quot;name&quot;, &quot;rules&quot;, ...}</source>
        <translation>&quot;nodes&quot; 必须是非空数组，元素为 {&quot;name&quot;, &quot;rules&quot;, ...}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>node %1: &quot;name&quot; must be a non-empty name without &apos;:&apos;</source>
        <translation>节点 %1：&quot;name&quot; 必须是不含 &apos;:&apos; 的非空名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>node name &quot;%1&quot; is used twice</source>
        <translation>节点名 &quot;%1&quot; 被使用了两次</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>node %1: &quot;rules&quot; must list at least one dump file</source>
        <translation>节点 %1：&quot;rules&quot; 至少要列出一个转储文件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>node %1: unknown family &quot;%2&quot;; expected &quot;ipv4&quot; or &quot;ipv6&quot;</source>
        <translation>节点 %1：未知的地址族 &quot;%2&quot;；应为 &quot;ipv4&quot; 或 &quot;ipv6&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>node %1: unknown table &quot;%2&quot;</source>
        <translation>节点 %1：未知的表 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>node %1: a rules entry without a file name</source>
        <translation>节点 %1：有一个 rules 条目没有文件名</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+215"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>node %1: &quot;ipsets&quot; must be a file name or an array of them</source>
        <translation>节点 %1：&quot;ipsets&quot; 必须是文件名或由文件名组成的数组</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>node %1 has no addresses: addrtype and local delivery only know 127.0.0.0/8</source>
        <translation>节点 %1 没有地址：addrtype 和本机投递只知道 127.0.0.0/8</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>node %1 has no routes: only the subnets of its addresses are reachable</source>
        <translation>节点 %1 没有路由：只有其地址所在的子网可达</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>node %1: kept but not read: %2</source>
        <translation>节点 %1：已保留但未读取：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>node %1: &quot;backend&quot; must be &quot;nft&quot; or &quot;legacy&quot;</source>
        <translation>节点 %1：&quot;backend&quot; 必须为 &quot;nft&quot; 或 &quot;legacy&quot;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>node %1: &quot;sysctls&quot; must be a file name, an array of them, or an object</source>
        <translation>节点 %1：&quot;sysctls&quot; 必须是文件名、文件名数组或对象</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>node %1: &quot;links&quot; must be a file name or an array of them</source>
        <translation>节点 %1：&quot;links&quot; 必须是文件名或文件名数组</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>packet %1</source>
        <translation>数据包 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>packet &quot;%1&quot;: %2</source>
        <translation>数据包 &quot;%1&quot;：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>packet &quot;%1&quot;: no node named &quot;%2&quot; (the nodes are %3)</source>
        <translation>数据包 &quot;%1&quot;：没有名为 &quot;%2&quot; 的节点（现有节点为 %3）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>fix &quot;%1&quot;: needs an existing &quot;node&quot; and one of &quot;insert&quot; or &quot;policy&quot;</source>
        <translation>修复 &quot;%1&quot;：需要一个已存在的 &quot;node&quot;，以及 &quot;insert&quot; 或 &quot;policy&quot; 之一</translation>
    </message>
    <message numerus="yes">
        <location line="+70"/>
        <source>%n dump(s)</source>
        <translation>
            <numerusform>%n 份转储</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::ScenarioTreeModel</name>
    <message>
        <location filename="../views/scenariotreemodel.cpp" line="+191"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built-in chain %1</source>
        <translation>内置链 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>User chain %1, %n reference(s)</source>
        <translation>
            <numerusform>自定义链 %1，%n 处引用</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>DROP</source>
        <translation>DROP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ACCEPT</source>
        <translation>ACCEPT</translation>
    </message>
</context>
<context>
    <name>chainscope::SessionController</name>
    <message>
        <location filename="../app/sessioncontroller.cpp" line="+115"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open Sess&amp;ion...</source>
        <translation>打开会话(&amp;I)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Session &amp;As...</source>
        <translation>会话另存为(&amp;A)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export...</source>
        <translation>导出(&amp;E)...</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export the graph with the traced path, verdict, notes and a legend as SVG, PNG or PDF</source>
        <translation>把图连同追踪路径、判定结果、备注和图例导出为 SVG、PNG 或 PDF</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Add &amp;Note...</source>
        <translation>添加备注(&amp;N)...</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pin a note to the selected rule, the current trace step, or the middle of the view</source>
        <translation>把备注钉在选中的规则、当前追踪步骤或视图中央</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Select Ne&amp;xt Note</source>
        <translation>选择下一条备注(&amp;X)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Then F2 or Enter edits the note, the arrow keys move it, Delete deletes it</source>
        <translation>然后按 F2 或 Enter 编辑备注，方向键移动它，Delete 删除它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edi&amp;t Note...</source>
        <translation>编辑备注(&amp;T)...</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+259"/>
        <location line="+83"/>
        <source>Edit Note</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <location line="-337"/>
        <source>De&amp;lete Note</source>
        <translation>删除备注(&amp;L)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Add &amp;Note Here...</source>
        <translation>在此处添加备注(&amp;N)...</translation>
    </message>
    <message>
        <location line="+255"/>
        <source>&amp;Note (shown as a callout on the graph and in exports):</source>
        <translation>备注(&amp;N)（以标注形式显示在图上和导出文件中）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Add Note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Move Note</source>
        <translation>移动备注</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No scenario to export</source>
        <translation>没有可导出的场景</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, locally generated on %2</source>
        <translation>%1，在 %2 上本机生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, arriving on %2 %3</source>
        <translation>%1，从 %2 %3 进入</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The compare window is not open</source>
        <translation>对比窗口未打开</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (left)</source>
        <translation>%1（左）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (right)</source>
        <translation>%1（右）</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+122"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location line="-584"/>
        <source>Export Re&amp;port...</source>
        <translation>导出报告(&amp;P)...</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Write a postmortem report: the path before and after the fix, steps, explanation, lints, blast radius, the fix, provenance and notes</source>
        <translation>写一份事后分析报告：修复前后的路径、步骤、解释、检查提示、影响范围、修复、数据来源和备注</translation>
    </message>
    <message>
        <location line="+410"/>
        <source>Trace a packet first: the path figure draws its path</source>
        <translation>请先追踪一个数据包：路径图画的是它的路径</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SVG (text stays text, rule text on hover)</source>
        <translation>SVG（文字保留为文字，悬停显示规则文本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Path figure: the chains the packet crossed, page-sized</source>
        <translation>路径图：数据包经过的链，按页面大小排版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole graph of this node</source>
        <translation>此节点的完整图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Both sides of the comparison</source>
        <translation>对比的两侧</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+155"/>
        <location filename="../app/sessionreport.cpp" line="+66"/>
        <source>&amp;Browse...</source>
        <translation>浏览(&amp;B)...</translation>
    </message>
    <message>
        <location line="-152"/>
        <location filename="../app/sessionreport.cpp" line="+3"/>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;What:</source>
        <translation>内容(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <location filename="../app/sessionreport.cpp" line="+1"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</source>
        <translation>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../app/sessionreport.cpp" line="+20"/>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1[*] — %2 — Chainscope</source>
        <translation>%1[*] — %2 — Chainscope</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1[*] — Chainscope</source>
        <translation>%1[*] — Chainscope</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chainscope[*]</source>
        <translation>Chainscope[*]</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No scenario to save</source>
        <translation>没有可保存的场景</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+17"/>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&amp;Embed the scenario&apos;s files (the session travels alone)</source>
        <translation>嵌入场景的文件(&amp;E)（会话可单独携带）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chainscope sessions (*.chainscope)</source>
        <translation>Chainscope 会话 (*.chainscope)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot Save Session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>Cannot Open Session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chainscope sessions (*.chainscope);;All files (*)</source>
        <translation>Chainscope 会话 (*.chainscope);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: cannot unpack the embedded scenario: %2</source>
        <translation>%1：无法解出嵌入的场景：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: the scenario %2 is not there any more (save sessions with the scenario embedded to carry it along)</source>
        <translation>%1：场景 %2 已不存在（保存会话时嵌入场景，即可随会话一起携带）</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Some edits no longer apply: %1</source>
        <translation>部分修改已不再适用：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session has unsaved changes (candidate rules, notes). Save them first?</source>
        <translation>会话中有未保存的更改（候选规则、备注）。先保存吗？</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Restore Unsaved Work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chainscope did not close normally. Restore the work autosaved at %1?</source>
        <translation>Chainscope 上次没有正常关闭。要恢复 %1 自动保存的工作吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot Restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location filename="../app/sessionreport.cpp" line="-60"/>
        <source>No scenario to report on</source>
        <translation>没有可报告的场景</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trace a packet first: the report follows it</source>
        <translation>请先追踪一个数据包：报告跟随它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wrote the report %1</source>
        <translation>已写入报告 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HTML, one self-contained file (prints as A4)</source>
        <translation>HTML，一个自包含的文件（按 A4 打印）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown, with the figures as SVG files beside it</source>
        <translation>Markdown，图以 SVG 文件放在旁边</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export Report To</source>
        <translation>导出报告到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML (*.html);;Markdown (*.md)</source>
        <translation>HTML (*.html);;Markdown (*.md)</translation>
    </message>
</context>
<context>
    <name>chainscope::SessionFile</name>
    <message>
        <location filename="../app/sessionfile.cpp" line="+33"/>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected a whole number from %1 to %2</source>
        <translation>应为 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected an array</source>
        <translation>应为数组</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>unknown value &quot;%1&quot;</source>
        <translation>未知的值 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unknown table &quot;%1&quot;</source>
        <translation>未知的表 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>%1: cannot save the session: %2</source>
        <translation>%1：无法保存会话：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+210"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>%1:%2:%3: not a valid session file: %4</source>
        <translation>%1:%2:%3：不是有效的会话文件：%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not a session file: expected a JSON object</source>
        <translation>%1：不是会话文件：应为 JSON 对象</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not a Chainscope session (&quot;format&quot; is not &quot;%2&quot;)</source>
        <translation>%1：不是 Chainscope 会话（&quot;format&quot; 不是 &quot;%2&quot;）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: &quot;version&quot;: expected a whole number</source>
        <translation>%1：&quot;version&quot;：应为整数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the session was written by a newer Chainscope (format version %2; this version reads %3)</source>
        <translation>%1：该会话由更新版本的 Chainscope 写入（格式版本 %2；本版本只能读取 %3）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: &quot;scenario.files&quot;: an embedded scenario needs its files</source>
        <translation>%1：&quot;scenario.files&quot;：嵌入的场景需要包含其文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <location line="+37"/>
        <source>%1: &quot;%2&quot;: expected an object</source>
        <translation>%1：&quot;%2&quot;：应为对象</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>%1: &quot;%2path&quot;: must be a relative path inside the scenario, found &quot;%3&quot;</source>
        <translation>%1：&quot;%2path&quot;：必须是场景内的相对路径，实际为 &quot;%3&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: &quot;scenario.path&quot;: names no scenario</source>
        <translation>%1：&quot;scenario.path&quot;：没有指向任何场景</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+43"/>
        <source>%1: &quot;%2nft_table&quot;: expected FAMILY NAME, found &quot;%3&quot;</source>
        <translation>%1：“%2nft_table”：应为“协议族 名称”，实际为“%3”</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>%1: &quot;%2policy&quot;: expected ACCEPT or DROP, found &quot;%3&quot;</source>
        <translation>%1：&quot;%2policy&quot;：应为 ACCEPT 或 DROP，实际为 &quot;%3&quot;</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1: &quot;%2id&quot;: note id %3 is used twice</source>
        <translation>%1：&quot;%2id&quot;：备注 id %3 被使用了两次</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: &quot;packet&quot;: %2</source>
        <translation>%1：&quot;packet&quot;：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: &quot;branch.pins[%2]&quot;: expected a string</source>
        <translation>%1：&quot;branch.pins[%2]&quot;：应为字符串</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: &quot;view.zoom&quot;: expected a positive number</source>
        <translation>%1：&quot;view.zoom&quot;：应为正数</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1: the scenario is too large to embed (over %2 MB)</source>
        <translation>%1：场景太大，无法嵌入（超过 %2 MB）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
</context>
<context>
    <name>chainscope::Simulator</name>
    <message>
        <location filename="../model/simulator.cpp" line="+246"/>
        <location line="+653"/>
        <source>the trace was cut after %1 steps</source>
        <translation>追踪在 %1 步后被截断</translation>
    </message>
    <message>
        <location line="-636"/>
        <location line="+649"/>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location line="-530"/>
        <location line="+4"/>
        <location line="+4"/>
        <location line="+723"/>
        <location line="+4"/>
        <location line="+4"/>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="-717"/>
        <location line="+742"/>
        <source>jumps nest deeper than the kernel allows</source>
        <translation>跳转嵌套层数超过内核允许的上限</translation>
    </message>
    <message>
        <location line="-627"/>
        <source>target %1 is not known to Chainscope</source>
        <translation>Chainscope 不认识目标 %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 (assumed: no routes given)</source>
        <translation>%1（假定：未提供路由）</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+51"/>
        <source>nat %1 not consulted: only the first packet of a connection traverses nat</source>
        <translation>未查询 nat %1：只有连接的第一个数据包才会经过 nat</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>nat %1 not traversed by this packet; conntrack rewrites it as its connection&apos;s first packet was: %2 -&gt; %3</source>
        <translation>此数据包不经过 nat %1；连接跟踪按该连接首个数据包的方式改写它：%2 -&gt; %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nat %1 not traversed by this packet; its connection&apos;s first packet was not translated here</source>
        <translation>此数据包不经过 nat %1；它所在连接的首个数据包在这里没有被转换</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>nat %1 not traversed: no rule on %2 enables connection tracking, so the kernel tracks no connection to translate</source>
        <translation>不经过 nat %1：%2 上没有任何规则启用连接跟踪，因此内核不跟踪任何需要转换的连接</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 table %2, chain %3, rule %4</source>
        <translation>%1 表 %2，链 %3，规则 %4</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+186"/>
        <source>%1, chain %2</source>
        <translation>%1，链 %2</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>iptables table %1, chain %2</source>
        <translation>iptables 表 %1，链 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an accept is not the end: %1 accepted this packet, but an accept ends only its own base chain; %2 then %3 it</source>
        <translation>accept 并不是终点：%1 接受了该数据包，但 accept 只结束它所在的基础链；随后 %2 将其%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>iptables %1</source>
        <translation>iptables %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 and %2 share priority %3: their order is not in the dumps (`nft list hooks` shows it); taken as the kernel orders hooks registered in listing order (the later one first)</source>
        <translation>%1 和 %2 的优先级同为 %3：转储中没有它们的先后顺序（`nft list hooks` 可以显示）；假定它们按列出顺序注册，并按内核的排序方式处理（后注册的排在前面）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>nat chain %1 %2 not consulted: only the first packet of a connection traverses nat</source>
        <translation>未查询 nat 链 %1 %2：只有连接的第一个数据包会经过 nat</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>the vmap key cannot be told</source>
        <translation>无法确定 vmap 的键</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>iptables-nft compat target (%1) kept, not evaluated</source>
        <translation>iptables-nft 兼容目标（%1）已保留，不参与计算</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1, rule %2</source>
        <translation>%1，规则 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>no chain %1 in this table</source>
        <translation>此表中没有链 %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>no node named %1</source>
        <translation>没有名为 %1 的节点</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+229"/>
        <source>route: %1 %2</source>
        <translation>路由：%1 %2</translation>
    </message>
    <message>
        <location line="-228"/>
        <location line="+229"/>
        <source>no route to %1</source>
        <translation>没有到 %1 的路由</translation>
    </message>
    <message>
        <location line="-228"/>
        <location line="+42"/>
        <location line="+187"/>
        <source>no route to host</source>
        <translation>没有到主机的路由</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>route: %1 %2, source %3</source>
        <translation>路由：%1 %2，源地址 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>route: %1 is local, out lo, source %2</source>
        <translation>路由：%1 是本机地址，出接口 lo，源地址 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>route: %1 out %2 via %3, source %4</source>
        <translation>路由：%1 经 %3 从 %2 出去，源地址 %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no interface known)</source>
        <translation>（未知接口）</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>dropped: %1 is a multicast group %2 has not joined as far as its addresses tell (groups that programs join are not in the dumps)</source>
        <translation>丢弃：就其地址所知，%2 未加入多播组 %1（程序加入的组不在转储中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>multicast group not joined</source>
        <translation>未加入该多播组</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>multicast to %1, which %2 has joined (%3): INPUT</source>
        <translation>发往 %1 的多播，%2 已加入该组（%3）：INPUT</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a local process on %1</source>
        <translation>%1 上的本机进程</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>%1 has no interface %2 in its addresses</source>
        <translation>%1 的地址中没有接口 %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>bridged on %1: %4 not called (%5 = 0): %2 from %3 to the port behind it</source>
        <translation>在 %1 上桥接：不调用 %4（%5 = 0）：%2 从 %3 转到其后的端口</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>bridged on %1: br_netfilter calls %3 (-i %1, physdev-in %2)</source>
        <translation>在 %1 上桥接：br_netfilter 调用 %3（-i %1，physdev-in %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enters bridge %1 from %2 addressed to the bridge itself: br_netfilter calls %3 PREROUTING (physdev-in %2), then the node routes it</source>
        <translation>从 %2 进入网桥 %1，目的地是网桥本身：br_netfilter 调用 %3 PREROUTING（physdev-in %2），然后由节点路由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>enters bridge %1 from %2 addressed to the bridge itself: %3 not called on the bridge (%4 = 0); the node routes it from %1</source>
        <translation>从 %2 进入网桥 %1，目的地是网桥本身：网桥上不调用 %3（%4 = 0）；节点从 %1 路由它</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>dropped: %1 may not arrive on %2 (IPv6 drops loopback addresses from any device but lo)</source>
        <translation>已丢弃：%1 不能从 %2 进入（IPv6 丢弃来自 lo 以外任何设备的环回地址）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>route: %1 is local: INPUT</source>
        <translation>路由：%1 是本机地址：INPUT</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>route type forbids it</source>
        <translation>路由类型禁止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a link-layer %1 is not forwarded (ip_forward drops it)</source>
        <translation>链路层%1不会被转发（ip_forward 会丢弃它）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broadcast</source>
        <translation>广播</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>multicast</source>
        <translation>组播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not forwarded: link-layer broadcast</source>
        <translation>不转发：链路层广播</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not forwarded: IPv6 forwarding is off on %1 (net.ipv6.conf.all.forwarding = 0)</source>
        <translation>未转发：%1 上的 IPv6 转发已关闭（net.ipv6.conf.all.forwarding = 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>forwarding disabled</source>
        <translation>转发已关闭</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>route: %1 out %2 via %3: FORWARD</source>
        <translation>路由：%1 经 %3 从 %2 出去：FORWARD</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>all hosts</source>
        <translation>所有主机</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>all nodes</source>
        <translation>所有节点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all routers: IPv6 forwarding is on</source>
        <translation>所有路由器：IPv6 转发已开启</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>solicited-node, assumed</source>
        <translation>请求节点组（假定）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>solicited-node of %1</source>
        <translation>%1 的请求节点组</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>route back to %1 (from %2 iif %3 mark %4): %5</source>
        <translation>回程路由到 %1（from %2 iif %3 mark %4）：%5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the route back is looked up without the packet&apos;s mark 0x%1: %2 is 0</source>
        <translation>查找回程路由时不带数据包的标记 0x%1：%2 为 0</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>dropped by rp_filter (loose): reply would leave by %1, and %2 has no IPv4 address</source>
        <translation>被 rp_filter（宽松）丢弃：回复将从 %1 发出，而 %2 没有 IPv4 地址</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>more than %1 hops: a routing loop</source>
        <translation>超过 %1 跳：路由环路</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>leaves %1 on %2 for %3 (%4 on %5)</source>
        <translation>经 %2 离开 %1，前往 %3（%5 上的 %4）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>leaves %1 on %2 towards %3</source>
        <translation>经 %2 离开 %1，去往 %3</translation>
    </message>
    <message>
        <location line="-315"/>
        <location line="+317"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="-408"/>
        <source>re-route after DNAT</source>
        <translation>DNAT 后重新路由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>re-route after mangle OUTPUT set mark 0x%1</source>
        <translation>mangle OUTPUT 设置标记 0x%1 后重新路由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: no route to %2</source>
        <translation>%1：没有到 %2 的路由</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>re-route after DNAT fails: source %1 may not leave by %2 (route_localnet is 0 on %2)</source>
        <translation>DNAT 后重新路由失败：源地址 %1 不能从 %2 发出（%2 上的 route_localnet 为 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+129"/>
        <location line="+7"/>
        <location line="+161"/>
        <location line="+31"/>
        <source>martian source</source>
        <translation>火星源地址（martian source）</translation>
    </message>
    <message>
        <location line="-322"/>
        <source>%1: %2 %3; filter OUTPUT still sees -o %4, POSTROUTING sees %5</source>
        <translation>%1：%2 %3；filter OUTPUT 仍看到 -o %4，POSTROUTING 看到 %5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 out %3; filter OUTPUT still sees -o %4, POSTROUTING sees %3</source>
        <translation>%1：%2 出接口 %3；filter OUTPUT 仍看到 -o %4，POSTROUTING 看到 %3</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>a port of %1</source>
        <translation>%1 的一个端口</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 on %2, bridged</source>
        <translation>%1 位于 %2，经桥接</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>bridged on %1, not routed: FORWARD -i %1 -o %1, then POSTROUTING</source>
        <translation>在 %1 上桥接而非路由：FORWARD -i %1 -o %1，然后 POSTROUTING</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DNAT to %1, whose route leads back out %2: br_netfilter bridges it to that port (no ip_forward needed): FORWARD -i %2 -o %2, then POSTROUTING</source>
        <translation>DNAT 到 %1，其路由又从 %2 出去：br_netfilter 将其桥接到该端口（无需 ip_forward）：FORWARD -i %2 -o %2，然后 POSTROUTING</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>dropped as a martian %1: %2 may not arrive on %3 (route_localnet is 0)</source>
        <translation>作为火星%1丢弃：%2 不能从 %3 进入（route_localnet 为 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>source</source>
        <translation>源地址</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>martian destination</source>
        <translation>火星目的地址（martian destination）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>route: %1 %2: INPUT</source>
        <translation>路由：%1 %2：INPUT</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>not forwarded: forwarding is off on %1 of %2 (net.ipv4.ip_forward / %3 = 0)</source>
        <translation>未转发：%2 的 %1 上关闭了转发（net.ipv4.ip_forward / %3 = 0）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>route: %1 %2: FORWARD</source>
        <translation>路由：%1 %2：FORWARD</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>dropped as a martian source: %1 is an address of %2 (accept_local is 0 on %3)</source>
        <translation>作为火星源地址丢弃：%1 是 %2 自己的地址（%3 上的 accept_local 为 0）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loose</source>
        <translation>宽松</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>dropped by rp_filter (%1): no route back to %2</source>
        <translation>被 rp_filter（%1）丢弃：没有回到 %2 的路由</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>rp_filter</source>
        <translation>rp_filter</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>dropped by rp_filter (%1): the route back to %2 is not unicast</source>
        <translation>被 rp_filter（%1）丢弃：回到 %2 的路由不是单播路由</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>dropped by rp_filter: reply would leave by %1, not %2 (strict, %3 = %4)</source>
        <translation>被 rp_filter 丢弃：回复将从 %1 而不是 %2 发出（严格模式，%3 = %4）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gateway %1 on %2, outside the scenario</source>
        <translation>%2 上的网关 %1，不在场景内</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>more than %1 branches: the rest were not followed</source>
        <translation>分支超过 %1 个：其余分支未跟踪</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1: sysctls not given, a kubeadm node&apos;s defaults taken: %2</source>
        <translation>%1：未提供 sysctl，采用 kubeadm 节点的默认值：%2</translation>
    </message>
</context>
<context>
    <name>chainscope::SvgExporter</name>
    <message>
        <location filename="../views/svgexporter.cpp" line="+214"/>
        <source>matched rule</source>
        <translation>命中的规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passed, no match</source>
        <translation>经过，未命中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verdict: drop/reject</source>
        <translation>判定：丢弃/拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verdict: accept</source>
        <translation>判定：接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>candidate rule</source>
        <translation>候选规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zero hits (dim text)</source>
        <translation>零命中（暗色文字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>heat (packets, log scale)</source>
        <translation>热度（数据包数，对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packet path</source>
        <translation>数据包路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+229"/>
        <source>%1, part %2 of %3</source>
        <translation>%1，第 %2 部分，共 %3 部分</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>(branch %1 of %2, %3)</source>
        <translation>（分支 %1/%2，%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; other branches: %2</source>
        <translation>%1；其他分支：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nodes: %1</source>
        <translation>节点：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packet: %1</source>
        <translation>数据包：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none traced)</source>
        <translation>（未追踪）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: %1</source>
        <translation>判定：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported %1 by Chainscope %2</source>
        <translation>%1 由 Chainscope %2 导出</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+46"/>
        <location line="+34"/>
        <location line="+234"/>
        <location line="+150"/>
        <source>Chainscope: %1</source>
        <translation>Chainscope：%1</translation>
    </message>
    <message>
        <location line="-448"/>
        <location line="+6"/>
        <location line="+423"/>
        <location line="+14"/>
        <location line="+37"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message numerus="yes">
        <location line="-316"/>
        <source>%n chain(s) folded</source>
        <translation>
            <numerusform>已折叠 %n 条链</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>pkts</source>
        <translation>包数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 policy %2 (packets %3)</source>
        <translation>%1 策略 %2（数据包 %3）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(candidate)</source>
        <translation>（候选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>packets %1, bytes %2</source>
        <translation>数据包 %1，字节 %2</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>%1: the picture is too large for an image</source>
        <translation>%1：图太大，无法生成图片</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Chainscope %1</source>
        <translation>Chainscope %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>chainscope::Sysctls</name>
    <message>
        <location filename="../model/sysctls.cpp" line="+75"/>
        <source>expected &quot;key = value&quot;, line skipped: &quot;%1&quot;</source>
        <translation>应为 &quot;key = value&quot;，已跳过该行：&quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no sysctls found: expected `sysctl -a` output or &quot;key = value&quot; lines</source>
        <translation>未找到 sysctl：应为 `sysctl -a` 的输出或 &quot;key = value&quot; 行</translation>
    </message>
</context>
<context>
    <name>chainscope::TableEvidence</name>
    <message>
        <location filename="../model/tableevidence.cpp" line="+135"/>
        <source> on line %1</source>
        <translation>（第 %1 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the command%1</source>
        <translation>命令%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the built-in chains listed together (those of table %1)</source>
        <translation>一起列出的内置链（属于表 %1 的那些）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its %1 target%2</source>
        <translation>它的 %1 目标%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chain %1, which lives in %2</source>
        <translation>链 %1，它属于 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chain %1, which jumps to it</source>
        <translation>链 %1，它跳转到这里</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its jumps to kube-proxy chains such as %1</source>
        <translation>它跳转到 kube-proxy 的链，例如 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: table %2; but %3: table %4</source>
        <translation>%1：表 %2；但 %3：表 %4</translation>
    </message>
</context>
<context>
    <name>chainscope::TargetOptions</name>
    <message>
        <location filename="../model/targetoptions.cpp" line="+203"/>
        <source>%1: option &quot;%2&quot; can only be used once.</source>
        <translation>%1：选项 &quot;%2&quot; 只能使用一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: option &quot;%2&quot; cannot be used together with &quot;%3&quot;.</source>
        <translation>%1：选项 &quot;%2&quot; 不能与 &quot;%3&quot; 一起使用。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: bad value for option &quot;%2&quot;, or out of range (%3-%4).</source>
        <translation>%1：选项 &quot;%2&quot; 的值无效，或超出范围（%3-%4）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: bad value &quot;%2&quot; for option &quot;%3&quot;</source>
        <translation>%1：选项 &quot;%3&quot; 的值 &quot;%2&quot; 无效</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: option &quot;%2&quot; takes at most %3 characters</source>
        <translation>%1：选项 &quot;%2&quot; 最多 %3 个字符</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bad action type value &quot;%1&quot;</source>
        <translation>动作类型值 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Invalid DSCP value &quot;%1&quot;</source>
        <translation>无效的 DSCP 值 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bad class value &quot;%1&quot;</source>
        <translation>类别值 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Bad TCP option value &quot;%1&quot;</source>
        <translation>TCP 选项值 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Option value may not be 0 or 1</source>
        <translation>选项值不能为 0 或 1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bad range &quot;%1&quot;</source>
        <translation>范围 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NFQUEUE: bad value for option &quot;%1&quot; near &quot;%2&quot;, or out of range (0-65535).</source>
        <translation>NFQUEUE：选项 &quot;%1&quot; 在 &quot;%2&quot; 附近的值无效，或超出范围（0-65535）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 should be less than %2</source>
        <translation>%1 应小于 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>NFQUEUE: number of total queues is 0 (&quot;%1&quot; spans 65536 queues; the kernel refuses it)</source>
        <translation>NFQUEUE：队列总数为 0（&quot;%1&quot; 跨越 65536 个队列；内核会拒绝）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: invalid IP address &quot;%2&quot; for option &quot;%3&quot;</source>
        <translation>%1：选项 &quot;%3&quot; 的 IP 地址 &quot;%2&quot; 无效</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 target: only valid in table %2, not %3</source>
        <translation>%1 目标：仅在表 %2 中有效，不能用于 %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: option &quot;%2&quot; must be specified</source>
        <translation>%1：必须指定选项 &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: cannot use option &quot;%2&quot; on a non-tcp rule (-p tcp)</source>
        <translation>%1：不能在非 tcp 规则上使用选项 &quot;%2&quot;（-p tcp）</translation>
    </message>
</context>
<context>
    <name>chainscope::Theme</name>
    <message>
        <location filename="../views/theme.cpp" line="+215"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted locally</source>
        <translation>本机接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no route</source>
        <translation>无路由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>queued to userspace</source>
        <translation>已送入用户态队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
</context>
<context>
    <name>chainscope::TraceController</name>
    <message>
        <location filename="../app/tracecontroller.cpp" line="+193"/>
        <source>Packet</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branches</source>
        <translation>分支</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Candidate Rules</source>
        <translation>候选规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every step of the selected branch, as TRACE prints it; select one to move the packet there</source>
        <translation>所选分支的每一步，与 TRACE 输出一致；选中某一步即可把数据包移到那里</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>nftables</source>
        <translation>nftables</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trace</source>
        <translation>追踪(&amp;T)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Edit Candidate Rule</source>
        <translation>编辑候选规则(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;move Rule</source>
        <translation>删除规则(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;ove Candidate Up</source>
        <translation>候选规则上移(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move Candidate &amp;Down</source>
        <translation>候选规则下移(&amp;D)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Toggle Chain &amp;Policy</source>
        <translation>切换链策略(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ACCEPT &lt;-&gt; DROP on the selected built-in chain (or the chain of the verdict)</source>
        <translation>在选中的内置链（或判定所在的链）上切换 ACCEPT &lt;-&gt; DROP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Insert Selected Candidate</source>
        <translation>插入选中的候选规则(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy as Commands</source>
        <translation>复制为命令(&amp;C)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Trace Packet</source>
        <translation>追踪数据包(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Play / Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step &amp;Back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step &amp;Forward</source>
        <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restart</source>
        <translation>重新开始(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to &amp;Verdict</source>
        <translation>转到判定(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;aster</source>
        <translation>加快(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;lower</source>
        <translation>减慢(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;in Branch</source>
        <translation>固定分支(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;npin</source>
        <translation>取消固定(&amp;N)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Trace</source>
        <translation>追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> &amp;Speed: </source>
        <translation> 速度(&amp;S)： </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+691"/>
        <location line="+21"/>
        <source>The packet jumped from %1 rule %2 to %3</source>
        <translation>数据包从 %1 规则 %2 跳转到 %3</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 in %2</source>
        <translation>%1，入接口 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dropped by the chain&apos;s policy DROP; no rule accepted %1</source>
        <translation>被链的默认策略 DROP 丢弃；没有规则接受 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by rule %2 of %3: %4</source>
        <translation>%3 的规则 %2 将其%1：%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+49"/>
        <source>delivered to %1</source>
        <translation>已送达 %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>accepted locally: %1</source>
        <translation>本机接受：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>accepted by the policy accept of %1; %2</source>
        <translation>被 %1 的策略 accept 接受；%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>accepted by the policy ACCEPT of %1%2; %3</source>
        <translation>被 %1 的策略 ACCEPT 接受%2；%3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (changed)</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — BROAD: every packet no rule of %1 drops goes through</source>
        <translation> — 范围过宽：%1 中没有规则丢弃的数据包全部放行</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+16"/>
        <source>accepted by %1 rule %2%3: %4; %5</source>
        <translation>被 %1 规则 %2%3 接受：%4；%5</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+16"/>
        <source> (candidate)</source>
        <translation>（候选）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 at %2 %3</source>
        <translation>%1，位于 %2 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>verdict: %1</source>
        <translation>判定：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>before: %1; after: %2</source>
        <translation>修改前：%1；修改后：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Branch %1 of %2 shown; %3</source>
        <translation>显示第 %1 个分支，共 %2 个；%3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No accepting rule was passed on %1</source>
        <translation>在 %1 上没有经过任何接受规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nearest misses on %1 (rules that would have accepted)</source>
        <translation>%1 上最接近命中的规则（本可接受该数据包的规则）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Assumed</source>
        <translation>假定条件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lints</source>
        <translation>检查提示</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>accept by in-interface</source>
        <translation>按入接口 accept</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>accept by destination port</source>
        <translation>按目的端口 accept</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>accept by destination subnet (the route to %1)</source>
        <translation>按目的子网 accept（到 %1 的路由）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>policy accept</source>
        <translation>策略 accept</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>ACCEPT by in-interface</source>
        <translation>按入接口 ACCEPT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ACCEPT by destination subnet (the route to %1)</source>
        <translation>按目的子网 ACCEPT（到 %1 的路由）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ACCEPT by in/out interface pair (Docker&apos;s documented way)</source>
        <translation>按入/出接口对 ACCEPT（Docker 文档中的做法）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>policy ACCEPT</source>
        <translation>策略 ACCEPT</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;i&gt;No change yet: drag a candidate rule onto a chain card (or select one and press Ctrl+I).&lt;/i&gt;</source>
        <translation>&lt;i&gt;尚未修改：把一条候选规则拖到链卡片上（或选中后按 Ctrl+I）。&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n flow(s) newly accepted</source>
        <translation>
            <numerusform>新放行 %n 个流</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n newly dropped</source>
        <translation>
            <numerusform>新丢弃 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>of %n probe(s)</source>
        <translation>
            <numerusform>（共 %n 个探测）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BROAD</source>
        <translation>范围过宽</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Blast radius&lt;/b&gt;</source>
        <translation>&lt;b&gt;影响范围&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This branch took no random choice to pin</source>
        <translation>此分支没有可固定的随机选择</translation>
    </message>
    <message>
        <location line="-1245"/>
        <location line="+23"/>
        <location line="+1"/>
        <location line="+1241"/>
        <location line="+303"/>
        <source>Refused: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <location line="-496"/>
        <source>Accepted on %1 before it was dropped: an accept ends only its own table or base chain</source>
        <translation>在 %1 上丢弃之前已被接受：accept 只结束它自己的表或基础链</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No accepting rule was passed in the chain that decided</source>
        <translation>在作出决定的链中没有经过任何接受规则</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1
    %2</source>
        <translation>%1
    %2</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Insert %1 into %2 on %3</source>
        <translation>在 %3 上把 %1 插入 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set %1 policy %2 on %3</source>
        <translation>在 %3 上把 %1 的策略设为 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove rule %1 of %2 on %3</source>
        <translation>在 %3 上删除 %2 的规则 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace rule %1 of %2 on %3</source>
        <translation>在 %3 上替换 %2 的规则 %1</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Move candidate rule to %1 %2</source>
        <translation>把候选规则移到 %1 %2</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Select a rule row to remove</source>
        <translation>请选择要删除的规则行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove candidate %1</source>
        <translation>删除候选规则 %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Select a built-in chain to change its policy</source>
        <translation>请选择一条内置链来修改它的策略</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only candidate rules can be edited; drag one from Candidate Rules</source>
        <translation>只能编辑候选规则；请从“候选规则”中拖一条过来</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>iptables options of the candidate rule; Enter checks and applies, Escape cancels</source>
        <translation>候选规则的 iptables 选项；Enter 检查并应用，Escape 取消</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Edit candidate %1</source>
        <translation>编辑候选规则 %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Chainscope fix on %1 (%2)</source>
        <translation>Chainscope 在 %1 上的修复（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no scenario loaded</source>
        <translation>未加载场景</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no packet preset named &quot;%1&quot; in the scenario</source>
        <translation>场景中没有名为 &quot;%1&quot; 的数据包预设</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no branch ends at &quot;%1&quot;</source>
        <translation>没有分支止于 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No change to copy: add a candidate rule or a policy first</source>
        <translation>没有可复制的修改：请先添加候选规则或策略</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Copied %n command(s) and the systemd unit</source>
        <translation>
            <numerusform>已复制 %n 条命令和 systemd 单元</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chainscope::WhatIf</name>
    <message>
        <location filename="../model/whatif.cpp" line="+146"/>
        <source>expected NODE:TABLE:CHAIN:POS:&apos;RULE&apos;, found &quot;%1&quot;</source>
        <translation>应为 NODE:TABLE:CHAIN:POS:&apos;RULE&apos;，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+32"/>
        <location line="+25"/>
        <source>no node named &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的节点</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>position &quot;%1&quot; must be a rule number from 1</source>
        <translation>位置 &quot;%1&quot; 必须是从 1 开始的规则编号</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected NODE:TABLE:CHAIN:ACCEPT|DROP, found &quot;%1&quot;</source>
        <translation>应为 NODE:TABLE:CHAIN:ACCEPT|DROP，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown table &quot;%1&quot;</source>
        <translation>未知的表 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>policy &quot;%1&quot; must be ACCEPT or DROP</source>
        <translation>策略 &quot;%1&quot; 必须为 ACCEPT 或 DROP</translation>
    </message>
    <message>
        <location line="-146"/>
        <location line="+167"/>
        <source>chain %1 does not exist in table %2 of %3</source>
        <translation>%3 的表 %2 中不存在链 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a user chain; only built-in chains have a policy</source>
        <translation>%1 是自定义链；只有内置链才有策略</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+164"/>
        <source>chain %1 has no rule %2</source>
        <translation>链 %1 没有规则 %2</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>node %1 has no nft table %2</source>
        <translation>节点 %1 没有 nft 表 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is a regular chain; only base chains have a policy</source>
        <translation>%1 是普通链；只有基础链才有策略</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+164"/>
        <source>position %1 is out of range: chain %2 has %3 rules</source>
        <translation>位置 %1 超出范围：链 %2 有 %3 条规则</translation>
    </message>
    <message>
        <location line="-156"/>
        <location line="+163"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>column %1: chain %2 does not exist in table %3</source>
        <translation>第 %1 列：表 %3 中不存在链 %2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>unknown table &quot;%1&quot;; expected raw, mangle, nat, filter or security, or an nft table as FAMILY NAME</source>
        <translation>未知的表“%1”；应为 raw、mangle、nat、filter 或 security，或以“协议族 名称”写出的 nft 表</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>policy &quot;%1&quot; must be accept or drop</source>
        <translation>策略“%1”必须是 accept 或 drop</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 is a chain: a jump takes no options (%2)</source>
        <translation>%1 是链：跳转不接受选项（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target %1 is neither a built-in target nor a chain of table %2</source>
        <translation>目标 %1 既不是内置目标，也不是表 %2 中的链</translation>
    </message>
    <message>
        <location line="+71"/>
        <source># firewalld owns table %1: `firewall-cmd --permanent --add-port=%2/%3 &amp;&amp; firewall-cmd --reload` keeps this fix its own way</source>
        <translation># 表 %1 归 firewalld 管理：`firewall-cmd --permanent --add-port=%2/%3 &amp;&amp; firewall-cmd --reload` 以它自己的方式保留这个修复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source># kube-proxy rewrites table %1 on every sync: this edit will not stay, whatever runs it</source>
        <translation># kube-proxy 每次同步都会重写表 %1：无论由谁执行，这个修改都不会保留</translation>
    </message>
    <message>
        <location line="+6"/>
        <source># `firewall-cmd --reload` rebuilds table inet firewalld without restarting firewalld: run `systemctl restart chainscope-fix` after it</source>
        <translation># `firewall-cmd --reload` 会在不重启 firewalld 的情况下重建表 inet firewalld：之后请运行 `systemctl restart chainscope-fix`</translation>
    </message>
</context>
<context>
    <name>chainscope::nft::NftParser</name>
    <message>
        <location filename="../model/nftjson.cpp" line="+77"/>
        <source>unknown family &quot;%1&quot;</source>
        <translation>未知的地址族 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>table %1 %2 is not defined</source>
        <translation>表 %1 %2 未定义</translation>
    </message>
    <message>
        <location line="+288"/>
        <source>a set this rule names is not defined or not understood</source>
        <translation>此规则引用的集合未定义或无法理解</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../model/nftparser.cpp" line="+1091"/>
        <source>&quot;%1&quot; is not a value nft accepts here</source>
        <translation>&quot;%1&quot; 不是 nft 在此处接受的值</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>vmap: the map is not defined or not understood</source>
        <translation>vmap：映射未定义或无法理解</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: the map is not defined or not understood</source>
        <translation>%1：映射未定义或无法理解</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../model/nftparser.cpp" line="+225"/>
        <source>&quot;%1&quot; is not an address to translate to</source>
        <translation>&quot;%1&quot; 不是可用作地址转换目标的地址</translation>
    </message>
    <message>
        <location line="+48"/>
        <location filename="../model/nftparser.cpp" line="+143"/>
        <source>statement &quot;%1&quot; is kept but not evaluated: traces through it are uncertain</source>
        <translation>语句 &quot;%1&quot; 已保留，但不参与计算：经过它的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>unknown hook &quot;%1&quot;</source>
        <translation>未知的钩子 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown priority &quot;%1&quot;</source>
        <translation>未知的优先级 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 %2: an element is not of the set&apos;s type</source>
        <translation>%1 %2：有元素不属于该集合的类型</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>rule for chain %1, which is not defined</source>
        <translation>规则所属的链 %1 未定义</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no nft table found in the JSON</source>
        <translation>JSON 中未找到 nft 表</translation>
    </message>
    <message>
        <location filename="../model/nftparser.cpp" line="-1037"/>
        <source>not part of an nft ruleset, skipped: %1</source>
        <translation>不属于 nft 规则集，已跳过：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no nft table found: expected `table FAMILY NAME {`</source>
        <translation>未找到 nft 表：应为 `table FAMILY NAME {`</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected a family (ip, ip6, inet, arp, bridge, netdev) after `table`, found &quot;%1&quot;</source>
        <translation>`table` 之后应为地址族（ip、ip6、inet、arp、bridge、netdev），实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected a table name</source>
        <translation>应为表名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected `{` after `table %1 %2`</source>
        <translation>`table %1 %2` 之后应为 `{`</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>table %1 %2 is not closed: expected `}`</source>
        <translation>表 %1 %2 未闭合：应有 `}`</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>unexpected &quot;%1&quot; in table %2 %3: expected chain, set, map or `}`</source>
        <translation>表 %2 %3 中出现了意外的 &quot;%1&quot;：应为 chain、set、map 或 `}`</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected a chain name</source>
        <translation>应为链名</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>expected `{` after `chain %1`</source>
        <translation>`chain %1` 之后应为 `{`</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>chain %1 is not closed: expected `}`</source>
        <translation>链 %1 未闭合：应有 `}`</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>unknown hook &quot;%1&quot;: expected prerouting, input, forward, output, postrouting, ingress or egress</source>
        <translation>未知的钩子 &quot;%1&quot;：应为 prerouting、input、forward、output、postrouting、ingress 或 egress</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a priority after `priority`</source>
        <translation>`priority` 之后应为优先级</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>unknown priority &quot;%1&quot;: expected a number or raw, mangle, dstnat, filter, security, srcnat</source>
        <translation>未知的优先级 &quot;%1&quot;：应为数字或 raw、mangle、dstnat、filter、security、srcnat</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a policy is accept or drop</source>
        <translation>策略只能是 accept 或 drop</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>expected `{` after `%1 %2`</source>
        <translation>`%1 %2` 之后应为 `{`</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is not closed: expected `}`</source>
        <translation>%1 %2 未闭合：应有 `}`</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>expected `{` after `elements =`</source>
        <translation>`elements =` 之后应为 `{`</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2: elements before its type</source>
        <translation>%1 %2：元素出现在类型之前</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 %2 has no type</source>
        <translation>%1 %2 没有类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 is defined twice</source>
        <translation>%1 %2 被定义了两次</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>expected a chain name after %1</source>
        <translation>%1 之后应为链名</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>element ends early: expected %n component(s)</source>
        <translation>
            <numerusform>元素提前结束：应有 %n 个组成部分</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a value of this set&apos;s type</source>
        <translation>&quot;%1&quot; 不是该集合类型的值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected ` . ` between the parts of a concatenated element</source>
        <translation>拼接元素的各部分之间应有 ` . `</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>expected ` : ` and the data of a map element</source>
        <translation>应为 ` : ` 及映射元素的数据</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected a verdict (accept, drop, jump CHAIN, goto CHAIN...)</source>
        <translation>应为判定（accept、drop、jump CHAIN、goto CHAIN...）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a value of the map&apos;s data type</source>
        <translation>应为映射数据类型的值</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>fib: expected `type`, `oif` or `oifname`</source>
        <translation>fib：应为 `type`、`oif` 或 `oifname`</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 without `mod N`</source>
        <translation>%1 缺少 `mod N`</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>expected a mask after `&amp;`</source>
        <translation>`&amp;` 之后应为掩码</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a value</source>
        <translation>应为值</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no set named %1 in this table</source>
        <translation>此表中没有名为 %1 的集合</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a concatenation is compared with a set: expected `{` or `@set`</source>
        <translation>拼接与集合比较：应为 `{` 或 `@set`</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>a range or prefix cannot be compared with &lt; or &gt;</source>
        <translation>范围或前缀不能用 &lt; 或 &gt; 比较</translation>
    </message>
    <message>
        <location line="+151"/>
        <location line="+108"/>
        <source>no map named %1 in this table</source>
        <translation>此表中没有名为 %1 的映射</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>&quot;%1&quot; is not a port</source>
        <translation>&quot;%1&quot; 不是端口</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>expected `{` or `@map` after vmap</source>
        <translation>vmap 之后应为 `{` 或 `@map`</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>unknown statement %1 (%2?): nft would refuse this rule (syntax error)</source>
        <translation>未知语句 %1（是 %2 吗？）：nft 会拒绝这条规则（语法错误）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no field %2: nft would refuse this rule (syntax error)</source>
        <translation>%1 没有字段 %2：nft 会拒绝这条规则（语法错误）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>the rule is empty: expected statements such as iifname &quot;cni0&quot; accept</source>
        <translation>规则为空：应为 iifname &quot;cni0&quot; accept 这样的语句</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>one rule only: a second line or `;` follows</source>
        <translation>只能是一条规则：后面还有第二行或 `;`</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no such nft chain</source>
        <translation>没有这条 nft 链</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown statement %1: nft would refuse it, or the engine does not evaluate it</source>
        <translation>未知语句 %1：nft 会拒绝它，或者引擎不计算它</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>%1 to chain %2, which the listing of table %3 does not show: traces that reach it are uncertain</source>
        <translation>%1 到链 %2，但表 %3 的列表中没有它：到达它的追踪结果不确定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 to chain %2, which table %3 does not have (%4?): nft would refuse this ruleset</source>
        <translation>%1 到链 %2，但表 %3 中没有该链（是 %4 吗？）：nft 会拒绝这个规则集</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+74"/>
        <source>See what netfilter/iptables does to a packet across cluster nodes.</source>
        <translation>查看 netfilter/iptables 在集群各节点上如何处理一个数据包。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A scenario folder, a scenario.json, dump files, or a saved session (.chainscope).</source>
        <translation>场景文件夹、scenario.json、转储文件或已保存的会话（.chainscope）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node to show first.</source>
        <translation>首先显示的节点。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load, grab the 1600x1000 window to FILE.png, exit.</source>
        <translation>加载后把 1600x1000 的窗口截图保存为 FILE.png，然后退出。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trace the packet preset PRESET.</source>
        <translation>追踪数据包预设 PRESET。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the branch whose packet ends at IP.</source>
        <translation>显示数据包最终到达 IP 的那个分支。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stand at step N (1-based; default: the verdict).</source>
        <translation>停在第 N 步（从 1 开始；默认：判定那一步）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert a candidate rule, as chainscope-cli.</source>
        <translation>插入一条候选规则，用法同 chainscope-cli。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a chain policy, as chainscope-cli.</source>
        <translation>修改链的策略，用法同 chainscope-cli。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the compare window on two nodes (NODE_A,NODE_B); --screenshot grabs it.</source>
        <translation>在两个节点（NODE_A,NODE_B）上打开对比窗口；--screenshot 会对它截图。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --compare: show this chain (TABLE:CHAIN) in both graphs instead of fitting.</source>
        <translation>配合 --compare：在两个图中都显示这条链（TABLE:CHAIN），而不是适应窗口。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --compare: graphs side by side instead of one above the other.</source>
        <translation>配合 --compare：两个图左右并排，而不是上下排列。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start the lesson in FOLDER (its scenario is loaded).</source>
        <translation>开始 FOLDER 中的课程（会加载它的场景）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --lesson: show the answer (the narrowest fix applied and traced).</source>
        <translation>配合 --lesson：显示答案（应用并追踪最小修复）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print the lessons the Lessons page lists (title, folder) and exit.</source>
        <translation>打印“课程”页面列出的课程（标题、文件夹）后退出。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open this chain (TABLE:CHAIN; an nft table as FAMILY NAME) as a click on it in the scenario tree does.</source>
        <translation>打开这条链（TABLE:CHAIN；nft 表写作 FAMILY NAME），与在场景树中单击它的效果相同。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>cannot write screenshot %1</source>
        <translation>无法写入截图 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>timed out loading</source>
        <translation>加载超时</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+20"/>
        <source>no chain %1 on node %2</source>
        <translation>节点 %2 上没有链 %1</translation>
    </message>
</context>
</TS>

//! Persons and fine addresses out of free text: the names people write of themselves and
//! of others, and the parts of an address that point at one household. Used by
//! [`super::redact::redact`] after the numbers and accounts are masked.
//!
//! A name is only recognised where the text says it is one — no list of names is
//! consulted, so "高峰时段" and "文明城市" stay, and a name written without such a context
//! stays too (a rule that guessed would eat ordinary words):
//! - a self-introduction or a signature (`[persons] introductions`: 我叫, 本人, 姓名, 署名,
//!   联系人, 举报人 …) followed by a surname and one or two characters;
//! - a title or a relation (`[persons] titles`) after the name (张老师, 王小明书记, 张欣的老婆) or
//!   before it (站长谭转胜的, 老婆张欣……), the name ending where a sentence goes on (说,
//!   的, 和, punctuation …);
//! - a list of three or more such names (张伟、李娜、王芳).
//!
//! The name becomes `[姓名]`; the title stays ("[姓名]书记"): a public office held is the
//! office, not the person. A surname is one of the common surnames ([`SURNAMES`]).
//! Addresses: a household's building with its unit or room (3栋2单元501室, 5栋501), a house
//! number (建设路18号, 门牌号) and a village's group (…村三组) become `[地址]`; the street,
//! estate, village or a building alone (3号楼前) stays — what a concern is about is often
//! a place.

use std::borrow::Cow;

/// 265 common surnames (the hundred most frequent alone cover about 85% of people in
/// China).
pub const SURNAMES: &str = "傅谈赖洪萧阎邰粟旷隆扶漆王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Surnames that far more often begin an ordinary word before a title ("安全主任", "全职
/// 老师", "和老师沟通", "对于老师", "管理经理"): not read as a surname there.
const WORDLIKE: &str = "和于成时向文安明全常应商师查连解管路华关单党司都平云宫车池麻苑景万古项任";

/// Characters that may follow a name as the sentence goes on.
const AFTER_NAME: &str = "的说和与及等在是把对让被带也还不就都又因已从将曾要去来住家今现同反向年岁称讲告找给跟经于";

/// What ends a given name in a list or after a title but is no part of one: the last
/// characters of places, things and times ("黄色、蓝色", "周一、周二").
const NOT_GIVEN: &str = "级色区路村县市镇乡街楼号省州门店厂局院校站场馆所类性化部处队组费款价税期年月日点次条个件";

/// A set of characters for a binary search.
fn set(chars: &str) -> Vec<char> {
    let mut v: Vec<char> = chars.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
}

static NOT_GIVEN_SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| set(&format!("{NOT_GIVEN}的了吗呢吧啊等和与及在是说请找给让叫问帮被向对跟把")));
static AFTER_NAME_SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| set(AFTER_NAME));
static WORDLIKE_SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| set(WORDLIKE));

fn wordlike(c: char) -> bool {
    WORDLIKE_SET.binary_search(&c).is_ok()
}

fn cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The surnames, sorted, for a binary search (this is asked of nearly every character).
static SURNAME_SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = SURNAMES.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
});

fn surname(c: char) -> bool {
    SURNAME_SET.binary_search(&c).is_ok()
}

/// Whether the character at `i` ends a word with the one before it (`[persons]
/// words_before_titles`), so that it is no surname there.
fn ends_word(chars: &[char], i: usize) -> bool {
    i > 0 && super::words::words().persons.words_before_titles.iter().any(|w| {
        let mut c = w.chars();
        c.next() == Some(chars[i - 1]) && c.next() == Some(chars[i]) && c.next().is_none()
    })
}


fn boundary_after(chars: &[char], j: usize) -> bool {
    j >= chars.len() || !cjk(chars[j]) || AFTER_NAME_SET.binary_search(&chars[j]).is_ok()
}

fn starts_with_at(chars: &[char], i: usize, w: &str) -> bool {
    let mut k = i;
    for c in w.chars() {
        if chars.get(k) != Some(&c) {
            return false;
        }
        k += 1;
    }
    true
}

/// The longest of `list` written at `i`: its length in characters.
fn word_at(chars: &[char], i: usize, list: &[&str]) -> Option<usize> {
    list.iter().filter(|t| starts_with_at(chars, i, t)).map(|t| t.chars().count()).max()
}

/// Whether an introduction or a title can start at `i` (its first character is one of
/// theirs): most characters are not, and are passed over without reading the lists.
fn person_word_may_start(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| super::words::words().person_word_starts.binary_search(c).is_ok())
}

/// A word a person is named by (`[persons] titles`) at `i`.
fn title_at(chars: &[char], i: usize) -> Option<usize> {
    if !person_word_may_start(chars, i) {
        return None;
    }
    word_at(chars, i, super::words::words().persons.titles)
}

/// A name of a surname and one or two characters at `i`, ending where the sentence goes
/// on: its length (the shorter when both end so).
fn name_at(chars: &[char], i: usize) -> Option<usize> {
    if !chars.get(i).is_some_and(|&c| surname(c)) {
        return None;
    }
    (2..=3).find(|&n| {
        i + n <= chars.len()
            && chars[i + 1..i + n].iter().all(|&c| given(c))
            && boundary_after(chars, i + n)
    })
}

/// Whether a character can be part of a given name: a Chinese character that is neither
/// the end of a place, thing or time ([`NOT_GIVEN`]) nor a particle that goes on with the
/// sentence.
fn given(c: char) -> bool {
    cjk(c) && NOT_GIVEN_SET.binary_search(&c).is_err()
}

/// jieba with its own dictionary: how a text reads around a candidate name.
static JIEBA: std::sync::LazyLock<jieba_rs::Jieba> = std::sync::LazyLock::new(jieba_rs::Jieba::new);

/// The candidates jieba reads as names. The text is segmented with part-of-speech tags
/// (its dictionary and, for unknown words, its model of names): a candidate found beside
/// a title or in a list is kept when the word jieba reads at its first character is
/// tagged a person's name (nr …) — "业主/李/书记", "钟杰娟/主任" — or is the surname alone
/// or a word jieba does not know (a name cut up: "刘/清静/同志", "赖来/全"), and dropped when
/// it is an ordinary word ("高中/老师", "医生/严重不足", "老师/周六", "文明、卫生、安全") or
/// when its first character is inside a word ("提高老师"). An introduced name is dropped
/// when jieba reads a word of two or more characters there that is no name ("本人/曾于").
fn read_as_names(chars: &[char], found: Vec<(usize, usize, Found)>) -> Vec<(usize, usize)> {
    if found.is_empty() {
        return Vec::new();
    }
    // Each candidate is read in a window of a few characters either side (a whole letter
    // need not be segmented for one name).
    let read = |s: usize, e: usize, how: Found| -> bool {
        let (w0, w1) = (s.saturating_sub(4), (e + 4).min(chars.len()));
        let window: String = chars[w0..w1].iter().collect();
        // Token starts (in characters, from the window's start) with length and tag; which
        // characters are in a word read as a name, which in a word jieba does not know.
        let mut at: Vec<Option<(usize, &str)>> = vec![None; w1 - w0];
        let mut named = vec![false; w1 - w0];
        let mut unknown = vec![false; w1 - w0];
        let mut c = 0;
        for t in JIEBA.tag(&window, true) {
            let len = t.word.chars().count();
            let end = (c + len).min(w1 - w0);
            if c < at.len() {
                at[c] = Some((len, t.tag));
            }
            if t.tag.starts_with("nr") {
                named[c..end].iter_mut().for_each(|x| *x = true);
            }
            if len > 1 && !JIEBA.has_word(t.word) {
                unknown[c..end].iter_mut().for_each(|x| *x = true);
            }
            c = end;
        }
        let (s, e) = (s - w0, e - w0);
        match at[s] {
            // Part of the candidate read as a name, whatever jieba joined its first
            // characters to ("徐洋/丽", "站/长江/梅玉").
            _ if named[s..e].iter().any(|x| *x) && how != Found::Introduced => true,
            Some((_, tag)) if tag.starts_with("nr") => true,
            // The surname a word of its own ("刘/清静/同志").
            Some((1, _)) => true,
            // After an introduction: a proper noun jieba knows as a place ("我叫/徐洋/丽"),
            // or a word it does not know, unless that is a function word ("本人/曾于/2020
            // 年": a preposition).
            Some((_, tag)) if how == Found::Introduced => {
                matches!(tag, "ns" | "nz" | "nt") || (unknown[s] && !matches!(tag.chars().next(), Some('p' | 'd' | 'c' | 'u' | 'r' | 'v' | 'm')))
            }
            // After an introduction jieba may join the name's first character to it ("本/人马
            // /娜磊"): the introduction says it is a name. Beside a title or in a list: a
            // name inside a word jieba does not know ("区傅/舟丹" of "D5区傅某某书记").
            _ => how == Found::Introduced || unknown[s],
        }
    };
    let verdicts: Vec<bool> = found.iter().map(|&(s, e, how)| read(s, e, how)).collect();
    // A list is masked whole or not at all: every name of it must read as one.
    let failed: Vec<Found> =
        found.iter().zip(&verdicts).filter(|((_, _, how), ok)| matches!(how, Found::Listed(_)) && !**ok).map(|(f, _)| f.2).collect();
    found.into_iter().zip(verdicts).filter(|((_, _, how), ok)| *ok && !failed.contains(how)).map(|((s, e, _), _)| (s, e)).collect()
}

/// Mask persons' names and fine addresses (see the module's documentation).
pub fn mask(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| surname(c) || c.is_ascii_digit() || "栋幢单室组号门".contains(c)) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    // Spans (start, end) of characters to replace, and with what.
    let mut found: Vec<(usize, usize, Found)> = Vec::new();
    names(&chars, &mut found);
    let mut spans: Vec<(usize, usize, &'static str)> = read_as_names(&chars, found).into_iter().map(|(s, e)| (s, e, "[姓名]")).collect();
    addresses(&chars, &mut spans);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, token) in spans {
        if s < at {
            // Overlapping what was masked: mask its tail too.
            at = at.max(e);
            continue;
        }
        out.extend(&chars[at..s]);
        out.push_str(token);
        at = e;
    }
    out.extend(&chars[at..]);
    Cow::Owned(out)
}

/// How a candidate name was found.
#[derive(Clone, Copy, PartialEq)]
enum Found {
    Introduced,
    Titled,
    /// The n-th list of names.
    Listed(usize),
}

/// Candidate names: (start, end, how found). An introduced name ("我叫…") is masked unless
/// jieba reads a longer ordinary word there; a name found beside a title or in a list only
/// where jieba reads a person's name ([`read_as_names`]).
fn names(chars: &[char], spans: &mut Vec<(usize, usize, Found)>) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        // A self-introduction or a signature.
        let intro = if person_word_may_start(chars, i) { word_at(chars, i, super::words::words().persons.introductions) } else { None };
        if let Some(len) = intro {
            let w: String = chars[i..i + len].iter().collect();
            let mut j = i + len;
            while j < n && matches!(chars[j], ':' | '：' | ' ' | '是' | '为' | '叫') {
                j += 1;
            }
            // "本人" also opens ordinary sentences ("本人认为", "本人于今年"): no
            // word-like surname there.
            let wordlike = matches!(w.as_str(), "本人" | "叫") && chars.get(j).is_some_and(|c| wordlike(*c));
            if let Some(len) = name_at(chars, j).filter(|_| !wordlike) {
                spans.push((j, j + len, Found::Introduced));
                i = j + len;
                continue;
            }
        }
        // A title or relation, then a name ("站长谭转胜的", "老婆张欣……").
        if let Some(t) = title_at(chars, i) {
            if let Some(len) = name_at(chars, i + t).filter(|_| !wordlike(chars[i + t])) {
                spans.push((i + t, i + t + len, Found::Titled));
                i += t + len;
                continue;
            }
        }
        // A name (or a surname alone), then a title or relation ("张老师", "王小明书记",
        // "张欣的老婆").
        // Wherever it stands ("业主李书记", "补缴社保叶书记好"), unless the surname ends a
        // word there (`[persons] words_before_titles`: 提高老师, 担任主任, 门卫师傅).
        let title_near = (i + 1..(i + 5).min(n)).any(|k| person_word_may_start(chars, k));
        if title_near && surname(chars[i]) && !wordlike(chars[i]) && !ends_word(chars, i) {
            let found = (0..=2).find_map(|len| {
                let end = i + 1 + len;
                if end > n || !chars[i + 1..end].iter().all(|&c| given(c)) {
                    return None;
                }
                let t = if chars.get(end) == Some(&'的') && len > 0 { end + 1 } else { end };
                title_at(chars, t).map(|_| end)
            });
            if let Some(end) = found {
                spans.push((i, end, Found::Titled));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    // A list of three or more names ("张伟、李娜、王芳").
    let mut i = 0;
    while i < n {
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        while let Some(len) = list_item(chars, j) {
            items.push((j, j + len));
            j += len;
            if chars.get(j) == Some(&'、') {
                j += 1;
            } else {
                break;
            }
        }
        // (Three names in a row are a list wherever it starts: "先后走出了彭见明、…".)
        if items.len() >= 3 {
            let list = Found::Listed(spans.len());
            spans.extend(items.iter().map(|&(s, e)| (s, e, list)));
            i = j;
        } else {
            i += 1;
        }
    }
}

/// One item of a list of names: a surname and one or two characters, then 、 or the
/// list's end.
fn list_item(chars: &[char], i: usize) -> Option<usize> {
    if !chars.get(i).is_some_and(|&c| surname(c)) {
        return None;
    }
    (2..=3).find(|&n| {
        i + n <= chars.len()
            && chars[i + 1..i + n].iter().all(|&c| given(c))
            && !chars[i + 1..i + n].iter().any(|&c| numeral(c))
            && (chars.get(i + n) == Some(&'、') || boundary_after(chars, i + n))
    })
}

fn numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(c)
}

fn addresses(chars: &[char], spans: &mut Vec<(usize, usize, &'static str)>) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        // 门牌 / 门牌号 and the number after it.
        if starts_with_at(chars, i, "门牌") {
            let mut j = i + 2;
            if chars.get(j) == Some(&'号') {
                j += 1;
            }
            while j < n && matches!(chars[j], ':' | '：' | ' ' | '是' | '为') {
                j += 1;
            }
            let k = (j..n).find(|&k| !(chars[k].is_ascii_alphanumeric() || numeral(chars[k]) || "号栋幢单元室-".contains(chars[k]))).unwrap_or(n);
            if k > j {
                spans.push((i, k, "[地址]"));
                i = k;
                continue;
            }
        }
        if numeral(chars[i]) && (i == 0 || !numeral(chars[i - 1])) {
            let mut j = i;
            while j < n && (numeral(chars[j]) || chars[j].is_ascii_alphabetic()) {
                j += 1;
            }
            let unit = |k: usize| -> Option<usize> {
                word_at(chars, k, super::words::words().persons.address_units)
            };
            // A building, unit or room, and what follows of the same address.
            if let Some(u) = unit(j).filter(|_| j > i) {
                let mut end = j + u;
                loop {
                    let mut k = end;
                    while k < n && matches!(chars[k], '-' | ' ') {
                        k += 1;
                    }
                    let s = k;
                    while k < n && (numeral(chars[k]) || chars[k].is_ascii_alphabetic()) {
                        k += 1;
                    }
                    if k > s {
                        // Only a finer part goes on the address (a unit, a room): "6栋7栋"
                        // and "7楼8楼" are two buildings or floors, no household.
                        if let Some(u2) = unit(k).filter(|_| starts_with_at(chars, k, "单元") || starts_with_at(chars, k, "室")) {
                            end = k + u2;
                            continue;
                        }
                        // A room number written bare after a building ("3栋501").
                        if chars[s..k].iter().all(char::is_ascii_digit) && k - s >= 3 {
                            end = k;
                        }
                    }
                    break;
                }
                // A building or a floor alone ("3号楼前加装路灯", "住在3楼", "一栋房子")
                // is where a matter is, shared by many households: it stays. With a unit
                // or room it is one household.
                if end > j + u {
                    spans.push((i, end, "[地址]"));
                    i = end;
                    continue;
                }
            }
            // A building and room written with a dash after an estate's name ("金茂府5-4304";
            // not "2005-2006年", "100-200页").
            let estate = i > 0 && "府苑园城区寓厦庭湾居院邸墅轩阁".contains(chars[i - 1]);
            if j < n && chars[j] == '-' && estate && chars[i..j].iter().all(char::is_ascii_digit) {
                let k = (j + 1..n).find(|&k| !chars[k].is_ascii_digit()).unwrap_or(n);
                if (3..=4).contains(&(k - j - 1)) {
                    spans.push((i, k, "[地址]"));
                    i = k;
                    continue;
                }
            }
            // A house number on a road ("建设路18号"), a village's group (…村三组).
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let house = prev.is_some_and(|p| "路街道巷弄里".contains(p)) && chars.get(j) == Some(&'号');
            let group = prev.is_some_and(|p| "村社屯".contains(p)) && chars.get(j).is_some_and(|&c| c == '组' || c == '社' || c == '队');
            if house || group {
                spans.push((i, j + 1, "[地址]"));
                i = j + 1;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn self_introductions_and_signatures() {
        assert_eq!(mask("我叫杨小云，女，现年27岁"), "我叫[姓名]，女，现年27岁");
        assert_eq!(mask("我叫郑元……1999年得了病"), "我叫[姓名]……1999年得了病");
        assert_eq!(mask("本人张三，男，住在三楼"), "本人[姓名]，男，住在三楼");
        assert_eq!(mask("本人马娜磊，垃圾清运不及时"), "本人[姓名]，垃圾清运不及时");
        assert_eq!(mask("我叫徐洋丽，停车难"), "我叫[姓名]，停车难");
        assert_eq!(mask("本人是农民，种地难"), "本人是农民，种地难");
        assert_eq!(mask("姓名：李娜"), "姓名：[姓名]");
        assert_eq!(mask("举报人：王建国"), "举报人：[姓名]");
        assert_eq!(mask("养殖人叫王军海，离居民楼不足2米"), "养殖人叫[姓名]，离居民楼不足2米");
        assert_eq!(mask("诉求人：张琼"), "诉求人：[姓名]");
        assert_eq!(mask("公司法定代表人赵丽春的丈夫"), "公司法定代表人[姓名]的丈夫");
        assert_eq!(mask("叫车来接"), "叫车来接");
        // Not a name after 本人.
        assert_eq!(mask("本人认为应该加强管理"), "本人认为应该加强管理");
        assert_eq!(mask("本人是一名教师"), "本人是一名教师");
        assert_eq!(mask("本人于今年8月入职"), "本人于今年8月入职");
        assert_eq!(mask("尊敬的盛华荣市长：您好"), "尊敬的[姓名]市长：您好");
    }

    #[test]
    fn names_with_titles_and_relations() {
        assert_eq!(mask("希望给王老师加工资"), "希望给[姓名]老师加工资");
        assert_eq!(mask("村里的李书记不管事"), "村里的[姓名]书记不管事");
        assert_eq!(mask("D5区胡宁小书记：您好"), "D5区[姓名]书记：您好");
        assert_eq!(mask("王小明书记好"), "[姓名]书记好");
        assert_eq!(mask("希望钟杰娟主任管一管"), "希望[姓名]主任管一管");
        assert_eq!(mask("历史老师和农业局长"), "历史老师和农业局长");
        assert_eq!(mask("也没钱请律师"), "也没钱请律师");
        assert_eq!(mask("衷心感谢胡厅长"), "衷心感谢[姓名]厅长");
        assert_eq!(mask("业主李书记您好"), "业主[姓名]书记您好");
        assert_eq!(mask("补缴社保叶书记好"), "补缴社保[姓名]书记好");
        assert_eq!(mask("2008年刘清静同志任校长"), "2008年[姓名]同志任校长");
        assert_eq!(mask("患者姚茂江于2011年入院"), "患者[姓名]于2011年入院");
        assert_eq!(mask("D5区傅舟丹书记"), "D5区[姓名]书记");
        assert_eq!(mask("我名何义荣，退休"), "我名[姓名]，退休");
        assert_eq!(mask("先后担任主任"), "先后担任主任");
        assert_eq!(mask("门卫师傅和班主任老师"), "门卫师傅和班主任老师");
        // Ordinary words jieba reads beside a title.
        assert_eq!(mask("医生严重不足"), "医生严重不足");
        assert_eq!(mask("老师周六还要上课"), "老师周六还要上课");
        assert_eq!(mask("高中老师"), "高中老师");
        assert_eq!(mask("施工队长和农行行长"), "施工队长和农行行长");
        assert_eq!(mask("第三方调解委员会"), "第三方调解委员会");
        assert_eq!(mask("站长谭转胜的老婆张欣经常骂人"), "站长[姓名]的老婆[姓名]经常骂人");
        assert_eq!(mask("张欣的老婆说"), "[姓名]的老婆说");
        // Ordinary words before a title stay.
        assert_eq!(mask("提高老师待遇"), "提高老师待遇");
        assert_eq!(mask("安全主任要负责"), "安全主任要负责");
        assert_eq!(mask("学生和老师都很辛苦"), "学生和老师都很辛苦");
        assert_eq!(mask("对于老师来说"), "对于老师来说");
        assert_eq!(mask("班主任和经理周末加班"), "班主任和经理周末加班");
    }

    #[test]
    fn lists_of_names() {
        assert_eq!(mask("张伟、李娜、王芳等同学没有座位"), "[姓名]、[姓名]、[姓名]等同学没有座位");
        assert_eq!(mask("周一、周二、周三都停水"), "周一、周二、周三都停水");
        assert_eq!(mask("先后走出了彭见明、李娜、王芳等"), "先后走出了[姓名]、[姓名]、[姓名]等");
        assert_eq!(mask("赖来全、赖生端、赖喜友等人"), "[姓名]、[姓名]、[姓名]等人");
        assert_eq!(mask("黄色、蓝色、白色的垃圾桶"), "黄色、蓝色、白色的垃圾桶");
        // Two are no list.
        assert_eq!(mask("高温、高压"), "高温、高压");
        assert_eq!(mask("创建文明、卫生、安全的小区"), "创建文明、卫生、安全的小区");
    }

    #[test]
    fn fine_addresses() {
        assert_eq!(mask("住在幸福小区3栋2单元501室，楼上漏水"), "住在幸福小区[地址]，楼上漏水");
        assert_eq!(mask("12号楼门口堆满垃圾"), "12号楼门口堆满垃圾");
        assert_eq!(mask("12号楼301门口堆满垃圾"), "[地址]门口堆满垃圾");
        assert_eq!(mask("建设路18号的饭店油烟大"), "建设路[地址]的饭店油烟大");
        assert_eq!(mask("住K1区秧丘埠村三组"), "住K1区秧丘埠村[地址]");
        assert_eq!(mask("门牌号：26"), "[地址]");
        assert_eq!(mask("5栋501的住户半夜唱歌"), "[地址]的住户半夜唱歌");
        assert_eq!(mask("金茂府5-4304业主"), "金茂府[地址]业主");
        assert_eq!(mask("2019-08-11下午"), "2019-08-11下午");
        assert_eq!(mask("该书是2005-2006年的版本，断页100-200页"), "该书是2005-2006年的版本，断页100-200页");
        // A floor, a count or a date is no address.
        assert_eq!(mask("住在3楼，电梯坏了"), "住在3楼，电梯坏了");
        assert_eq!(mask("2024年5月停水3次"), "2024年5月停水3次");
        assert_eq!(mask("第三组数据"), "第三组数据");
        assert_eq!(mask("上涨以后一栋房子要几百万"), "上涨以后一栋房子要几百万");
        assert_eq!(mask("小区共3栋，都没有电梯"), "小区共3栋，都没有电梯");
        assert_eq!(mask("从9楼坠到7楼8楼之间"), "从9楼坠到7楼8楼之间");
        assert_eq!(mask("2009年6栋7栋房封顶"), "2009年6栋7栋房封顶");
    }
}

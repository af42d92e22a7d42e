//! HTML reader: a decoded document in, the article's main content as [`Parts`] out.
//!
//! Steps, all linear in the document:
//! 1. **Tokenize** with html5gum (naive state switching, so `<script>`/`<style>` bodies are one
//!    string) and build a small element tree with the usual implied end tags (`<p>` closed by a
//!    block, `<li>` by the next `<li>`…). Every text node keeps its byte span in the document, so
//!    the text can be traced back to the source exactly. Malformed markup never fails: stray end
//!    tags are ignored and open elements close at the end.
//! 2. **Drop boilerplate**: elements that never hold article prose (nav, aside, forms, scripts,
//!    iframes…), elements whose class/id/role names them (cookie banners, sidebars, share bars,
//!    comments…), page-level header/footer, and "Related posts"-style sections.
//! 3. **Pick the main content**: the `<article>`/`<main>`/`role=main` with the most text, unless
//!    it holds under a quarter of the page's remaining text; otherwise the whole body.
//! 4. **Write** the chosen subtree through the shared [`Builder`].
//!
//! This module must not do I/O or charset work; it sees only the decoded document.

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use url::Url;

use super::builder::{directive, Builder, Directive, Parts};
use crate::model::{collapse_whitespace, BlockKind};

/// The article content of an HTML document.
#[derive(Debug)]
pub(crate) struct Html {
    pub parts: Parts,
    pub title: Option<String>,
}

/// Reads the main content of `doc`; links are made absolute against `base` (or a `<base href>`).
pub(crate) fn parse(doc: &str, base: Option<&Url>) -> Html {
    let tree = TreeBuilder::build(doc);
    let base = match (&tree.base_href, base) {
        (Some(href), Some(page)) => page.join(href).ok().or_else(|| Some(page.clone())),
        (Some(href), None) => Url::parse(href).ok(),
        (None, page) => page.cloned(),
    };
    let analysis = Analysis::run(&tree);
    let mut b = Builder::default();
    write(&tree, &analysis, doc, base.as_ref(), &mut b);
    let title = tree
        .title
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| tree.og_title.clone().filter(|t| !t.is_empty()))
        .or_else(|| {
            let h1 = tree.nodes.iter().position(|n| n.tag() == Some(Tag::H1))?;
            Some(collapse_whitespace(&tree.subtree_text(h1))).filter(|t| !t.is_empty())
        });
    Html {
        parts: b.finish(),
        title,
    }
}

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The elements the reader treats specially; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        enum Tag { Document, $($variant,)* Other }

        impl Tag {
            fn from_name(name: &[u8]) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }
        }
    };
}

tags! {
    A = b"a", Address = b"address", Area = b"area", Article = b"article", Aside = b"aside",
    Audio = b"audio", Base = b"base", Blockquote = b"blockquote", Body = b"body", Br = b"br",
    Button = b"button", Canvas = b"canvas", Caption = b"caption", Center = b"center",
    Col = b"col", Datalist = b"datalist", Dd = b"dd", Details = b"details",
    Dialog = b"dialog", Div = b"div", Dl = b"dl", Dt = b"dt", Embed = b"embed",
    Fieldset = b"fieldset", Figcaption = b"figcaption", Figure = b"figure", Footer = b"footer",
    Form = b"form", Frameset = b"frameset", H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4",
    H5 = b"h5", H6 = b"h6", Head = b"head", Header = b"header", Hgroup = b"hgroup", Hr = b"hr",
    Html = b"html", Iframe = b"iframe", Img = b"img", Input = b"input", Label = b"label",
    Legend = b"legend", Li = b"li", Link = b"link", Main = b"main", Math = b"math",
    Menu = b"menu", Meta = b"meta", Nav = b"nav", Noembed = b"noembed", Noframes = b"noframes",
    Noscript = b"noscript", Object = b"object", Ol = b"ol", Opt = b"option",
    Output = b"output", P = b"p", Param = b"param", Pre = b"pre", Script = b"script",
    Section = b"section", Select = b"select", Source = b"source", Style = b"style",
    Summary = b"summary", Sup = b"sup", Svg = b"svg", Table = b"table", Tbody = b"tbody",
    Td = b"td", Template = b"template", Textarea = b"textarea", Tfoot = b"tfoot", Th = b"th",
    Thead = b"thead", Title = b"title", Tr = b"tr", Track = b"track", Ul = b"ul",
    Video = b"video", Wbr = b"wbr",
}

const TAG_COUNT: usize = Tag::Other as usize + 1;

impl Tag {
    fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }

    fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Elements that start and end a block of text.
    fn is_block(self) -> bool {
        use Tag::*;
        self.heading_level().is_some()
            || matches!(
                self,
                Document
                    | Address
                    | Article
                    | Aside
                    | Blockquote
                    | Body
                    | Caption
                    | Center
                    | Dd
                    | Details
                    | Dialog
                    | Div
                    | Dl
                    | Dt
                    | Fieldset
                    | Figcaption
                    | Figure
                    | Footer
                    | Form
                    | Header
                    | Hgroup
                    | Hr
                    | Html
                    | Legend
                    | Li
                    | Main
                    | Menu
                    | Nav
                    | Ol
                    | P
                    | Pre
                    | Section
                    | Summary
                    | Table
                    | Tbody
                    | Td
                    | Tfoot
                    | Th
                    | Thead
                    | Tr
                    | Ul
            )
    }

    /// Start tags that close an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        self.heading_level().is_some()
            || matches!(
                self,
                Address
                    | Article
                    | Aside
                    | Blockquote
                    | Center
                    | Dd
                    | Details
                    | Dialog
                    | Div
                    | Dl
                    | Dt
                    | Fieldset
                    | Figcaption
                    | Figure
                    | Footer
                    | Form
                    | Header
                    | Hgroup
                    | Hr
                    | Li
                    | Main
                    | Menu
                    | Nav
                    | Ol
                    | P
                    | Pre
                    | Section
                    | Summary
                    | Table
                    | Ul
            )
    }

    /// Elements that never hold article prose: dropped with everything inside.
    fn always_dropped(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Aside
                | Audio
                | Button
                | Canvas
                | Datalist
                | Dialog
                | Embed
                | Frameset
                | Head
                | Iframe
                | Input
                | Label
                | Math
                | Menu
                | Nav
                | Noembed
                | Noframes
                | Noscript
                | Object
                | Opt
                | Output
                | Script
                | Select
                | Style
                | Svg
                | Template
                | Textarea
                | Title
                | Video
        )
    }

    /// The block kind an element gives the text inside it, if it decides one.
    fn block_kind(self) -> Option<BlockKind> {
        if let Some(level) = self.heading_level() {
            return Some(BlockKind::Heading(level));
        }
        match self {
            Tag::Li => Some(BlockKind::ListItem),
            Tag::Td | Tag::Th => Some(BlockKind::Table),
            Tag::Blockquote => Some(BlockKind::Quote),
            _ => None,
        }
    }
}

/// Element flags.
const DROP_NAME: u8 = 1;
const DROP_ATTR: u8 = 2;
const CANDIDATE: u8 = 4;
const HEADER_FOOTER: u8 = 8;
const FORM: u8 = 16;

#[derive(Debug)]
struct Elem {
    tag: Tag,
    /// The name, for elements without a [`Tag`] (needed to match their end tags).
    name: Option<Box<[u8]>>,
    /// Byte span of the start tag in the document.
    start: usize,
    end: usize,
    children: Vec<u32>,
    href: Option<String>,
    /// The element's `id` (or an `<a name>`): what in-page links point at.
    anchor: Option<Box<str>>,
    /// An `<ol start>` or `<li value>` number.
    number: Option<u32>,
    flags: u8,
}

#[derive(Debug)]
enum Data {
    Elem(Elem),
    Text {
        text: String,
        start: usize,
        end: usize,
    },
    Directive(Directive),
}

#[derive(Debug)]
struct Node {
    parent: u32,
    data: Data,
}

impl Node {
    fn tag(&self) -> Option<Tag> {
        match &self.data {
            Data::Elem(e) => Some(e.tag),
            _ => None,
        }
    }
}

/// How far back end tags and implied ends search the open elements. Real pages nest far less;
/// the cap keeps pathological input (thousands of unclosed tags) linear.
const SEARCH_LIMIT: usize = 512;

/// The deepest the element tree gets. Only a hostile or broken page nests that far (thousands of
/// unclosed `<div>` or `<li>`); there, an element opened at the limit first closes the deepest
/// open one, as if it were its sibling, so the tree, and every walk over it, stays shallow.
const MAX_DEPTH: usize = 1024;

#[derive(Debug)]
struct TreeBuilder {
    /// Nodes in document order: a parent always comes before its children.
    nodes: Vec<Node>,
    /// Open elements (indices into `nodes`); the document node 0 is implicit.
    stack: Vec<u32>,
    open: [u32; TAG_COUNT],
    title: Option<String>,
    og_title: Option<String>,
    base_href: Option<String>,
    have_body: bool,
}

impl TreeBuilder {
    fn build(doc: &str) -> TreeBuilder {
        let mut t = TreeBuilder {
            nodes: vec![Node {
                parent: 0,
                data: Data::Elem(Elem {
                    tag: Tag::Document,
                    name: None,
                    start: 0,
                    end: 0,
                    children: Vec::new(),
                    href: None,
                    anchor: None,
                    number: None,
                    flags: 0,
                }),
            }],
            stack: Vec::new(),
            open: [0; TAG_COUNT],
            title: None,
            og_title: None,
            base_href: None,
            have_body: false,
        };
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(doc, emitter) {
            let Ok(token) = token;
            match token {
                Token::StartTag(tag) => t.start_tag(&tag),
                Token::EndTag(tag) => t.end_tag(&tag.name),
                Token::String(s) => {
                    // The token's bytes become the string without a copy when they are UTF-8.
                    let text = String::from_utf8(s.value.0)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    t.text(text, s.span.start, s.span.end);
                }
                Token::Comment(c) => {
                    if let Some(d) = std::str::from_utf8(&c.value).ok().and_then(directive) {
                        t.append(Data::Directive(d));
                    }
                }
                Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        t
    }

    fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn top_tag(&self) -> Tag {
        self.nodes[self.top() as usize]
            .tag()
            .unwrap_or(Tag::Document)
    }

    fn append(&mut self, data: Data) -> u32 {
        let id = self.nodes.len() as u32;
        let parent = self.top();
        self.nodes.push(Node { parent, data });
        if let Data::Elem(e) = &mut self.nodes[parent as usize].data {
            e.children.push(id);
        }
        id
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            if let Some(id) = self.stack.pop() {
                if let Some(tag) = self.nodes[id as usize].tag() {
                    self.open[tag as usize] = self.open[tag as usize].saturating_sub(1);
                }
            }
        }
    }

    /// Closes the nearest open element among `targets`, unless an element for which `stop` holds
    /// comes first.
    fn close(&mut self, targets: &[Tag], stop: fn(Tag) -> bool) {
        if targets.iter().all(|&t| self.open[t as usize] == 0) {
            return;
        }
        let len = self.stack.len();
        for k in (len.saturating_sub(SEARCH_LIMIT)..len).rev() {
            let tag = self.nodes[self.stack[k] as usize]
                .tag()
                .unwrap_or(Tag::Document);
            if targets.contains(&tag) {
                self.truncate(k);
                return;
            }
            if stop(tag) {
                return;
            }
        }
    }

    fn start_tag(&mut self, st: &StartTag<usize>) {
        let tag = Tag::from_name(&st.name);
        let in_head_ok = matches!(
            tag,
            Tag::Title
                | Tag::Meta
                | Tag::Base
                | Tag::Link
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
        );
        if self.open[Tag::Head as usize] > 0 && !in_head_ok {
            self.close(&[Tag::Head], |_| false);
        }
        match tag {
            Tag::Body | Tag::Html | Tag::Head if self.have_body => return,
            Tag::Body => self.have_body = true,
            Tag::Html | Tag::Head if self.open[tag as usize] > 0 => return,
            _ => {}
        }
        if tag.closes_p() {
            self.close(&[Tag::P], button_scope);
        }
        match tag {
            Tag::Li => self.close(&[Tag::Li], |t| matches!(t, Tag::Ol | Tag::Ul) || scope(t)),
            Tag::Dd | Tag::Dt => {
                self.close(&[Tag::Dd, Tag::Dt], |t| t == Tag::Dl || scope(t));
            }
            Tag::Td | Tag::Th => self.close(&[Tag::Td, Tag::Th], |t| {
                matches!(t, Tag::Tr | Tag::Table) || t == Tag::Document
            }),
            Tag::Tr => self.close(&[Tag::Tr], table_scope),
            Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                self.close(&[Tag::Tbody, Tag::Thead, Tag::Tfoot], table_scope);
            }
            Tag::A => self.close(&[Tag::A], |_| false),
            Tag::Opt if self.top_tag() == Tag::Opt => {
                self.truncate(self.stack.len() - 1);
            }
            _ if tag.heading_level().is_some() && self.top_tag().heading_level().is_some() => {
                self.truncate(self.stack.len() - 1);
            }
            _ => {}
        }

        let attr = |name: &[u8]| {
            st.attributes
                .get(name)
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        let mut flags = 0;
        if tag.always_dropped() {
            flags |= DROP_NAME;
        }
        match tag {
            Tag::Article | Tag::Main => flags |= CANDIDATE,
            Tag::Header | Tag::Footer => flags |= HEADER_FOOTER,
            Tag::Form => flags |= FORM,
            _ => {}
        }
        if let Some(role) = attr(b"role") {
            let role = role.trim().to_ascii_lowercase();
            match role.as_str() {
                "main" | "article" => flags |= CANDIDATE,
                "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
                | "alertdialog" | "menu" | "menubar" | "toolbar" => flags |= DROP_ATTR,
                _ => {}
            }
        }
        let boiler_class = attr(b"class").is_some_and(|c| boilerplate_names(&c));
        let boiler_id = attr(b"id").is_some_and(|c| boilerplate_names(&c));
        let hidden = st.attributes.contains_key(b"hidden".as_slice())
            || attr(b"aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || attr(b"style").is_some_and(|s| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                s.to_ascii_lowercase().contains("display:none")
            });
        if (boiler_class || boiler_id || hidden) && !matches!(tag, Tag::Body | Tag::Html) {
            flags |= DROP_ATTR;
        }
        match tag {
            Tag::Meta => {
                let key = attr(b"property").or_else(|| attr(b"name"));
                if key.is_some_and(|k| k.trim().eq_ignore_ascii_case("og:title")) {
                    if let Some(content) = attr(b"content") {
                        self.og_title
                            .get_or_insert_with(|| collapse_whitespace(&content));
                    }
                }
            }
            Tag::Base if self.base_href.is_none() => {
                self.base_href = attr(b"href").map(|h| h.trim().to_owned());
            }
            _ => {}
        }
        let href = if tag == Tag::A { attr(b"href") } else { None };
        let anchor = attr(b"id")
            .or_else(|| (tag == Tag::A).then(|| attr(b"name")).flatten())
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .map(String::into_boxed_str);
        let number = match tag {
            Tag::Ol => attr(b"start"),
            Tag::Li => attr(b"value"),
            _ => None,
        }
        .and_then(|n| n.trim().parse().ok());
        let name = (tag == Tag::Other).then(|| st.name.to_vec().into_boxed_slice());
        let foreign = self.open[Tag::Svg as usize] + self.open[Tag::Math as usize] > 0;
        let opens = !(tag.is_void() || (st.self_closing && foreign));
        if opens && self.stack.len() >= MAX_DEPTH {
            self.truncate(MAX_DEPTH - 1);
        }
        let id = self.append(Data::Elem(Elem {
            tag,
            name,
            start: st.span.start,
            end: st.span.end,
            children: Vec::new(),
            href,
            anchor,
            number,
            flags,
        }));
        if opens {
            self.stack.push(id);
            self.open[tag as usize] += 1;
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        let tag = Tag::from_name(name);
        match tag {
            // Content after `</body>` still belongs to the body.
            Tag::Body | Tag::Html | Tag::Document => {}
            Tag::P => self.close(&[Tag::P], button_scope),
            Tag::Li => self.close(&[Tag::Li], |t| matches!(t, Tag::Ol | Tag::Ul) || scope(t)),
            Tag::Dd | Tag::Dt => self.close(&[tag], scope),
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => self.close(
                &[Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6],
                scope,
            ),
            Tag::Other => {
                let len = self.stack.len();
                for k in (len.saturating_sub(SEARCH_LIMIT)..len).rev() {
                    let node = &self.nodes[self.stack[k] as usize];
                    match &node.data {
                        Data::Elem(e) if e.name.as_deref() == Some(name) => {
                            self.truncate(k);
                            return;
                        }
                        // An inline end tag does not close the paragraph it sits in.
                        Data::Elem(e) if e.tag.is_block() => return,
                        _ => {}
                    }
                }
            }
            _ => self.close(&[tag], |_| false),
        }
    }

    fn text(&mut self, text: String, start: usize, end: usize) {
        match self.top_tag() {
            Tag::Title => {
                if self.title.is_none() {
                    self.title = Some(collapse_whitespace(&text));
                }
                return;
            }
            Tag::Script | Tag::Style | Tag::Noscript | Tag::Template => return,
            _ => {}
        }
        if self.open[Tag::Head as usize] > 0 && !text.trim_ascii().is_empty() {
            self.close(&[Tag::Head], |_| false);
        }
        self.append(Data::Text { text, start, end });
    }

    /// The text of a subtree, inline elements joined without spaces, blocks with one. Visits
    /// at most a few hundred nodes: it is only used for headings and titles, and the cap keeps
    /// nested unclosed headings from making the analysis quadratic.
    fn subtree_text(&self, id: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id as u32];
        let mut budget = 256;
        while let Some(n) = stack.pop() {
            budget -= 1;
            if budget == 0 {
                break;
            }
            match &self.nodes[n as usize].data {
                Data::Text { text, .. } => out.push_str(text),
                Data::Elem(e) => {
                    if e.tag.is_block() || e.tag == Tag::Br {
                        out.push(' ');
                    }
                    stack.extend(e.children.iter().rev());
                }
                Data::Directive(_) => {}
            }
        }
        out
    }
}

fn scope(t: Tag) -> bool {
    matches!(
        t,
        Tag::Document
            | Tag::Html
            | Tag::Table
            | Tag::Td
            | Tag::Th
            | Tag::Caption
            | Tag::Template
            | Tag::Object
    )
}

fn button_scope(t: Tag) -> bool {
    scope(t) || t == Tag::Button
}

fn table_scope(t: Tag) -> bool {
    matches!(t, Tag::Document | Tag::Html | Tag::Table | Tag::Template)
}

/// Whether a class or id attribute marks page furniture rather than the article.
fn boilerplate_names(value: &str) -> bool {
    value.split_ascii_whitespace().any(boilerplate_token)
}

fn boilerplate_token(token: &str) -> bool {
    const EXACT: &[&str] = &[
        "ad",
        "ads",
        "adsense",
        "advert",
        "adverts",
        "advertisement",
        "banner",
        "breadcrumb",
        "breadcrumbs",
        "comment",
        "comments",
        "consent",
        "cookie",
        "cookies",
        "disqus",
        "footer",
        "gdpr",
        "masthead",
        "menu",
        "modal",
        "nav",
        "navbar",
        "navigation",
        "newsletter",
        "overlay",
        "pager",
        "pagination",
        "popular",
        "popup",
        "promo",
        "recent",
        "related",
        "share",
        "sharedaddy",
        "sharing",
        "sidebar",
        "signup",
        "skip",
        "social",
        "sponsor",
        "sponsored",
        "subscribe",
        "subscription",
        "toolbar",
        "widget",
        "widgets",
        "outbrain",
        "taboola",
        "topbar",
    ];
    // Run-together names ("cookieBanner", "sidebarLeft", "relatedposts").
    const PREFIX: &[&str] = &[
        "advert",
        "breadcrumb",
        "comment",
        "consent",
        "cookie",
        "newsletter",
        "popular",
        "related",
        "sidebar",
        "social",
        "subscribe",
        "widget",
        "navbar",
        "masthead",
    ];
    // Words that mark content or a layout modifier ("entry-content", "has-sidebar").
    const KEEP: &[&str] = &[
        "article", "body", "content", "entry", "main", "story", "text", "has", "with", "no",
        "hentry",
    ];
    let lower = token.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "site-header" | "global-header" | "siteheader"
    ) {
        return true;
    }
    let mut bad = false;
    for word in lower.split(['-', '_', ':']).filter(|w| !w.is_empty()) {
        if KEEP.contains(&word) {
            return false;
        }
        if EXACT.contains(&word) || PREFIX.iter().any(|p| word.starts_with(p)) {
            bad = true;
        }
    }
    bad
}

/// Whether a heading's text starts a boilerplate section ("Related articles", "Recent posts").
fn boilerplate_heading(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "recent post",
        "recent article",
        "recent stories",
        "recent news",
        "related post",
        "related article",
        "related stories",
        "related content",
        "related reading",
        "related links",
        "related topics",
        "popular post",
        "popular article",
        "popular stories",
        "most popular",
        "most read",
        "latest post",
        "latest article",
        "latest news",
        "you may also like",
        "you might also like",
        "you may also be interested",
        "more from",
        "more stories",
        "more articles",
        "read next",
        "recommended for you",
        "recommended articles",
        "recommended posts",
        "leave a reply",
        "leave a comment",
        "comments",
        "share this",
        "subscribe",
        "sign up for our",
        "join our newsletter",
        "follow us",
    ];
    let t = collapse_whitespace(text).to_lowercase();
    let t = t.trim_end_matches([':', '.', ' ']);
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    PREFIXES.iter().any(|p| t.starts_with(p))
        || matches!(
            t,
            "related" | "popular" | "recent" | "read more" | "categories" | "tags" | "archives"
        )
}

/// The bytes of `s` that are not ASCII white space. Summed in blocks of 64 bytes, which the
/// compiler vectorizes (a plain filtered count it does not): every text node is measured.
fn visible_len(s: &str) -> usize {
    let visible = |b: &[u8]| {
        b.iter()
            .map(|&b| u8::from(!b.is_ascii_whitespace()))
            .sum::<u8>()
    };
    let blocks = s.as_bytes().chunks_exact(64);
    let tail = visible(blocks.remainder());
    blocks.map(|b| usize::from(visible(b))).sum::<usize>() + usize::from(tail)
}

/// Which nodes are excluded and which element holds the article.
#[derive(Debug)]
struct Analysis {
    excluded: Vec<bool>,
    container: usize,
}

impl Analysis {
    fn run(tree: &TreeBuilder) -> Analysis {
        let nodes = &tree.nodes;
        let n = nodes.len();
        let mut flags: Vec<u8> = nodes
            .iter()
            .map(|node| match &node.data {
                Data::Elem(e) => e.flags,
                _ => 0,
            })
            .collect();
        // Inside an element dropped by name (nav, aside…): an <article> there is a teaser card.
        let mut in_dropped = vec![false; n];
        for i in 1..n {
            let p = nodes[i].parent as usize;
            in_dropped[i] = in_dropped[p] || flags[i] & DROP_NAME != 0;
        }
        let own = text_lengths(nodes);
        let text_all = subtree_lengths(nodes, &own, |_| true);
        let body = nodes
            .iter()
            .position(|node| node.tag() == Some(Tag::Body))
            .unwrap_or(0);

        // The likely article, before any class-based dropping: its ancestors (a page-wide
        // <form>, a wrapper with an unlucky class name) must not take it down with them.
        let pre_main = (1..n)
            .filter(|&i| flags[i] & CANDIDATE != 0 && !in_dropped[i])
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if text_all[b] > text_all[i] => Some(b),
                _ => Some(i),
            });
        if let Some(mut i) = pre_main {
            flags[i] &= !(DROP_ATTR | DROP_NAME | HEADER_FOOTER | FORM);
            while i != 0 {
                i = nodes[i].parent as usize;
                flags[i] &= !(DROP_ATTR | DROP_NAME | HEADER_FOOTER | FORM);
            }
        }

        // "Related posts" headings: drop the heading's section to the end of its container.
        let mut section = vec![false; n];
        for (i, node) in nodes.iter().enumerate() {
            let Data::Elem(e) = &node.data else { continue };
            // A heading already inside a dropped section needs no second look.
            if e.tag.heading_level().is_none() || text_all[i] > 120 || section[i] {
                continue;
            }
            if !boilerplate_heading(&tree.subtree_text(i)) {
                continue;
            }
            let mut at = i;
            loop {
                let p = nodes[at].parent as usize;
                let stop = p == 0
                    || p == body
                    || flags[p] & CANDIDATE != 0
                    || matches!(nodes[p].tag(), Some(Tag::Body | Tag::Html))
                    || text_all[p] != text_all[at];
                if stop {
                    break;
                }
                at = p;
            }
            let parent = nodes[at].parent as usize;
            if let Data::Elem(pe) = &nodes[parent].data {
                let from = pe
                    .children
                    .iter()
                    .position(|&c| c as usize == at)
                    .unwrap_or(0);
                for &c in &pe.children[from..] {
                    section[c as usize] = true;
                }
            }
        }

        let mut excluded = vec![false; n];
        let mut in_article = vec![false; n];
        for i in 1..n {
            let p = nodes[i].parent as usize;
            let f = flags[i];
            in_article[i] = in_article[p] || f & CANDIDATE != 0;
            let drop = f & (DROP_NAME | DROP_ATTR) != 0
                || section[i]
                || (f & HEADER_FOOTER != 0 && !in_article[p])
                // A small form is a contact or search form; a page-wide one is ASP.NET.
                || (f & FORM != 0 && text_all[i] * 2 < text_all[body]);
            excluded[i] = excluded[p] || drop;
        }

        let text = subtree_lengths(nodes, &own, |i| !excluded[i]);
        let best = (1..n)
            .filter(|&i| flags[i] & CANDIDATE != 0 && !excluded[i])
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if text[b] > text[i] => Some(b),
                _ => Some(i),
            });
        let container = match best {
            Some(b) if text[b] * 4 >= text[body] => b,
            _ => body,
        };
        Analysis {
            excluded,
            container,
        }
    }
}

/// The visible text length of every text node (0 for other nodes), measured once for both
/// [`subtree_lengths`] of the analysis.
fn text_lengths(nodes: &[Node]) -> Vec<usize> {
    (nodes.iter())
        .map(|node| match &node.data {
            Data::Text { text, .. } => visible_len(text),
            _ => 0,
        })
        .collect()
}

/// Visible text length of every subtree, counting the text nodes for which `count` holds; `own`
/// is each node's own length ([`text_lengths`]).
fn subtree_lengths(nodes: &[Node], own: &[usize], count: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut len = vec![0usize; nodes.len()];
    for i in (0..nodes.len()).rev() {
        if own[i] > 0 && count(i) {
            len[i] = own[i];
        }
        if i > 0 {
            let p = nodes[i].parent as usize;
            len[p] += len[i];
        }
    }
    len
}

fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    // An in-page link (a footnote marker, a table of contents) stays `#id`.
    if href.starts_with('#') {
        return (href.len() > 1).then(|| href.to_owned());
    }
    if href.is_empty()
        || href
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("javascript:"))
    {
        return None;
    }
    Some(match base {
        Some(base) => base
            .join(href)
            .map_or_else(|_| href.to_owned(), String::from),
        None => href.to_owned(),
    })
}

/// Writes the container's subtree, in document order, without recursion.
fn write(tree: &TreeBuilder, analysis: &Analysis, doc: &str, base: Option<&Url>, b: &mut Builder) {
    let nodes = &tree.nodes;
    // Suppression comments before the container (`<!-- claimcheck-disable -->` above the
    // `<article>`) still count.
    for (i, node) in nodes.iter().enumerate().take(analysis.container) {
        if let Data::Directive(d) = node.data {
            if !analysis.excluded[i] {
                b.directive(d);
            }
        }
    }
    let mut kinds = vec![BlockKind::Paragraph];
    // Open lists: the next item's number in an `<ol>`, `None` in a `<ul>`.
    let mut lists: Vec<Option<u32>> = Vec::new();
    let mut stack: Vec<(u32, bool)> = vec![(analysis.container as u32, false)];
    while let Some((id, leaving)) = stack.pop() {
        let i = id as usize;
        if analysis.excluded[i] && i != analysis.container {
            continue;
        }
        match &nodes[i].data {
            Data::Text { text, start, end } => {
                let raw = doc.get(*start..*end).unwrap_or_default();
                b.push_run(text, raw, *start, false);
            }
            Data::Directive(d) => b.directive(*d),
            Data::Elem(e) if !leaving => {
                if e.tag.is_block() {
                    b.end_block();
                    let kind = e
                        .tag
                        .block_kind()
                        .unwrap_or(kinds.last().copied().unwrap_or(BlockKind::Paragraph));
                    kinds.push(kind);
                    b.set_kind(kind);
                }
                if let Some(id) = &e.anchor {
                    b.anchor(id);
                }
                match e.tag {
                    Tag::A => b.link_start(e.href.as_deref().and_then(|h| resolve(h, base))),
                    Tag::Br => b.space(e.start..e.end, false),
                    // A footnote marker is kept apart from the number before it
                    // ("30%<sup>2</sup>" is not "30%2").
                    Tag::Sup => {
                        b.space(e.start..e.end, false);
                        b.sup_start();
                    }
                    Tag::Ol => lists.push(Some(e.number.unwrap_or(1))),
                    Tag::Ul | Tag::Menu => lists.push(None),
                    Tag::Li => {
                        if let Some(Some(next)) = lists.last_mut() {
                            let n = e.number.unwrap_or(*next);
                            b.ordinal(n);
                            *next = n.saturating_add(1);
                        }
                    }
                    _ => {}
                }
                stack.push((id, true));
                stack.extend(e.children.iter().rev().map(|&c| (c, false)));
            }
            Data::Elem(e) => {
                match e.tag {
                    Tag::A => b.link_end(),
                    Tag::Sup => b.sup_end(),
                    Tag::Ol | Tag::Ul | Tag::Menu => {
                        lists.pop();
                    }
                    _ => {}
                }
                if e.tag.is_block() {
                    b.end_block();
                    kinds.pop();
                    b.set_kind(kinds.last().copied().unwrap_or(BlockKind::Paragraph));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        parse(html, None).parts.text
    }

    #[test]
    fn boilerplate_tokens() {
        assert!(boilerplate_names("cookie-banner fixed"));
        assert!(boilerplate_names("widget_recent_entries"));
        assert!(boilerplate_names("cookieNotice"));
        assert!(boilerplate_names("site-header"));
        assert!(!boilerplate_names("entry-content"));
        assert!(!boilerplate_names("layout has-sidebar"));
        assert!(!boilerplate_names("address headline shadow"));
    }

    #[test]
    fn implied_end_tags() {
        let html = "<body><p>One<p>Two<ul><li>A<li>B</ul><h2>H</h2>tail";
        let parts = parse(html, None).parts;
        assert_eq!(parts.text, "One\n\nTwo\n\nA\n\nB\n\nH\n\ntail");
        let kinds: Vec<_> = parts.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading(2),
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn inline_markup_and_breaks() {
        assert_eq!(
            text_of("<p>LDL fell <b>by</b> 30%<sup>2</sup><br>in <i>12</i>\nweeks</p>"),
            "LDL fell by 30% 2 in 12 weeks"
        );
    }

    #[test]
    fn nested_blocks_inherit_kind() {
        let parts = parse(
            "<blockquote><p>Quoted 5%</p></blockquote><ul><li><p>Item</p></li></ul><table><tr><td>1</td><th>2</th></tr></table>",
            None,
        )
        .parts;
        let kinds: Vec<_> = parts.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Quote,
                BlockKind::ListItem,
                BlockKind::Table,
                BlockKind::Table
            ]
        );
    }

    #[test]
    fn article_with_most_text_wins() {
        let html = "<body><article><p>Teaser.</p></article>\
            <article><h1>Statins</h1><p>Statins lower LDL cholesterol by about 30% in most adults.</p></article>\
            <div><p>x</p></div></body>";
        assert_eq!(
            text_of(html),
            "Statins\n\nStatins lower LDL cholesterol by about 30% in most adults."
        );
    }

    #[test]
    fn related_heading_drops_its_section() {
        let html = "<main><p>Body text here with enough words.</p>\
            <section><div><h3>Related Articles:</h3></div><ul><li>Other post</li></ul></section>\
            <p>After.</p></main>";
        assert_eq!(text_of(html), "Body text here with enough words.\n\nAfter.");
    }

    #[test]
    fn page_wide_form_is_not_dropped() {
        let html = "<body><form id=\"aspnetForm\"><div><p>Clinic text 40% of the page.</p></div>\
            <form><input name=q><p>Search</p></form></form></body>";
        assert_eq!(text_of(html), "Clinic text 40% of the page.");
    }

    #[test]
    fn title_fallbacks() {
        assert_eq!(
            parse("<title> A  title </title><h1>H</h1>", None)
                .title
                .as_deref(),
            Some("A title")
        );
        assert_eq!(
            parse(
                "<meta property=\"og:title\" content=\"OG\"><h1>H</h1>",
                None
            )
            .title
            .as_deref(),
            Some("OG")
        );
        assert_eq!(
            parse("<h1>First <em>heading</em></h1>", None)
                .title
                .as_deref(),
            Some("First heading")
        );
    }

    #[test]
    fn base_href_resolves_links() {
        let html = "<base href=\"https://clinic.example/blog/\"><p><a href=\"post.html\">x</a> <a href=\"javascript:void(0)\">y</a></p>";
        let parts = parse(html, None).parts;
        assert_eq!(parts.links.len(), 1);
        assert_eq!(parts.links[0].href, "https://clinic.example/blog/post.html");
    }

    #[test]
    fn directives_before_the_container_apply() {
        let html = "<body><!-- claimcheck-ignore --><div class=\"nav\">menu</div>\
            <article><p>First 10% of the article text.</p><p>Second 20%.</p></article></body>";
        let parts = parse(html, None).parts;
        assert_eq!(parts.suppressed, vec![0..30]);
    }

    #[test]
    fn nested_unclosed_headings_stay_linear() {
        // Past MAX_DEPTH the headings become siblings, so the last one's "Comments" section
        // may or may not be recognized; either way nothing else appears.
        let html = "<h2><div>".repeat(5_000) + "Comments";
        assert!(matches!(text_of(&html).as_str(), "" | "Comments"));
    }

    #[test]
    fn nesting_depth_is_bounded() {
        let html = "<ul><li>Up to 45% relapse <div>".repeat(5_000) + "<p>deep 10%</p>";
        let tree = TreeBuilder::build(&html);
        let mut depth = vec![0usize; tree.nodes.len()];
        for i in 1..tree.nodes.len() {
            depth[i] = depth[tree.nodes[i].parent as usize] + 1;
        }
        let deepest = depth.iter().max().copied().unwrap_or(0);
        assert!(deepest <= MAX_DEPTH + 2, "depth {deepest}");
        // The text past the limit is still read.
        assert!(text_of(&html).contains("deep 10%"));
    }

    #[test]
    fn deep_nesting_is_fine() {
        let html = "<div>".repeat(20_000) + "<p>deep</p>" + &"</span>".repeat(20_000);
        assert_eq!(text_of(&html), "deep");
    }
}

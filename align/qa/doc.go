// Package qa checks translations that are present and current for the
// mistakes a reviewer of diplomatic text must not let through: a number or
// a date changed or dropped, a bracket or a quotation lost, a link or code
// span gone, a paragraph cut short or left in the source language, a
// glossary term replaced, the same source rendered in several ways; and it
// lints the sources themselves (ASCII punctuation inside Chinese text,
// doubled or stray spaces, no-break spaces), with [Fix] to correct them.
//
// The checks know Chinese: numbers and dates are compared after the
// normalisation of [bitext.Anchors], the aligner's own (二〇二〇, 七十五周年,
// 百分之五, １０, 10 000 and 10,000; 2020年11月10日 against 10 November 2020,
// November 10, 2020 or 10 ноября 2020 года); brackets and quotation marks
// are matched in their full-width and locale forms (（）《》「」«» „“); the
// length check uses the aligner's length model ([bitext.FitLength]) fitted
// on the repository's own translations of the language pair, so a
// paragraph is long or short for Chinese into English, not by a fixed
// ratio. Markdown segments are compared on their markup (link targets,
// code spans, footnote references) and otherwise on the text as it prints.
// A translation mostly left in Chinese gets one problem, not one per check.
//
// The package does no I/O: the caller gives it the pairs, the glossary and
// the source files' bytes, and prints the problems.
//
// # Compared with translate-toolkit's pofilter
//
// pofilter (translate-toolkit 3.8.4, Debian) has checks of the same names
// for numbers, brackets, URLs, doubled spaces, unchanged and untranslated
// strings, long and short strings, and start and end punctuation,
// capitalisation and sentence counts; it has no glossary (only lists of
// words that must or must not be translated), no consistency across files
// other than compendium conflicts, and no source lint. Its checks compare
// the characters of the two strings, which suits software messages
// between European languages and not Chinese into English: it reads
// 2018年6月10日 as the digits 2018, 6, 10 and 10 June 2018 as 10, 2018; it
// counts 《》 and （） as nothing; its capitalisation and end-punctuation
// checks fire on every Chinese source.
//
// On the seed document's English translation (86 units) plus a Markdown
// memo (3 units), converted to PO (msgctxt the ID, msgid the source,
// msgstr the translation) and damaged as internal/cli's
// TestQAFindsEveryDamage does (a number changed, a date off by a day, a
// bracket dropped, a glossary term replaced, a paragraph left in Chinese,
// a link removed), `pofilter --language=en` with its default checks:
//
//	                         verso qa                     pofilter
//	number changed           numbers                      numbers
//	date off by a day        dates                        - (numbers fired already on the undamaged unit)
//	bracket dropped          brackets (+ consistency)     brackets
//	glossary term replaced   terminology                  - (no glossary)
//	paragraph left in zh     untranslated                 - (unchanged ignores a Chinese copy)
//	link removed             markup                       brackets (urls fired already on the undamaged unit)
//	alarms, undamaged data   0                            325 in 88 of 89 units: simplecaps 87,
//	                                                      startcaps 80, endpunc 64, spellcheck 54,
//	                                                      sentencecount 22, numbers 15, brackets 1,
//	                                                      doublequoting 1, urls 1
//
// verso's source lint reports 81 lines of the seed (ASCII commas and
// parentheses in the Chinese text, no-break spaces), which are real: the
// seed keeps the punctuation of its published text, and verso fmt
// --source would fix them.
package qa

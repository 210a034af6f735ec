package bitext

import (
	"slices"
	"testing"
)

func TestNumbersNormaliseDatesAcrossLanguages(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"根据2018年6月10日通过的", []string{"10.6", "2018"}},
		{"adopted on 10 June 2018, have", []string{"10.6", "2018"}},
		{"принятым 10 июня 2018 года", []string{"10.6", "2018"}},
		{"on June 10, 2018", []string{"10.6", "2018"}},
		{"《一九七一年精神药物公约》", []string{"1971"}},
		{"Convention on Psychotropic Substances of 1971", []string{"1971"}},
		{"第二次世界大战胜利75周年", []string{"75"}},
		{"the 75th anniversary of Victory", []string{"75"}},
		{"75-летия Победы", []string{"75"}},
		{"(新华社莫斯科11月10日电)", []string{"10.11"}},
		{"(Xinhua, Moscow, 10 November)", []string{"10.11"}},
		{"(Синьхуа, Москва, 10 ноября)", []string{"10.11"}},
		{"2018年6月", []string{"2018", "m6"}},
		{"in June 2018", []string{"2018", "m6"}},
		{"в июне 2018 года", []string{"2018", "m6"}},
		{"the COVID-19 pandemic and G20", nil},
		{"第2354号决议", []string{"2354"}},
		{"1,000 people and 1\u00a0000 людей", []string{"1000", "1000"}},
		{"二〇二〇年十一月十日", []string{"10.11", "2020"}},
		{"二〇二〇", []string{"2020"}},
		{"七十五周年", []string{"75"}},
		{"百分之五", []string{"5"}},
		{"１０个国家", []string{"10"}},
		{"10 000 and 10,000 and 10\u202f000", []string{"10000", "10000", "10000"}},
		{"resolutions 1624 and 2354, adopted in 2019 100 times", []string{"100", "1624", "2019", "2354"}},
		{"第1624号决议", []string{"1624"}},
	}
	for _, tt := range tests {
		if got := Numbers(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Numbers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAnchorsKeepDatesApart(t *testing.T) {
	tests := []struct {
		text  string
		nums  []string
		dates []string
	}{
		{"根据2018年6月10日通过的第1624号决议", []string{"1624"}, []string{"2018-06-10"}},
		{"adopted on 10 June 2018 (resolution 1624)", []string{"1624"}, []string{"2018-06-10"}},
		{"принятым 10 июня 2018 года", nil, []string{"2018-06-10"}},
		{"(新华社莫斯科11月10日电)", nil, []string{"--11-10"}},
		{"on November 10", nil, []string{"--11-10"}},
		{"2018年6月, June 2018", nil, []string{"2018-06", "2018-06"}},
		{"《一九七一年精神药物公约》 75周年", []string{"1971", "75"}, nil},
	}
	for _, tt := range tests {
		nums, dates := Anchors(tt.text)
		var ds []string
		for _, d := range dates {
			ds = append(ds, d.String())
		}
		if !slices.Equal(nums, tt.nums) || !slices.Equal(ds, tt.dates) {
			t.Errorf("Anchors(%q) = %q, %q; want %q, %q", tt.text, nums, ds, tt.nums, tt.dates)
		}
	}
	if _, d := Anchors("10 ноября 2020 года"); len(d) != 1 || d[0].Script != "Cyrl" {
		t.Errorf("Russian month: %+v", d)
	}
}

func TestSentencesSplitAtSentenceEnds(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"我们认为,重大传染性疾病是全人类的敌人。在新冠肺炎疫情继续蔓延形势下,相互协助。", 2},
		{"We believe so. As the U.N. said, it spreads. 2020 was hard.", 3},
		{"Мы считаем так. «Шанхайский дух» важен.", 2},
		{"adopted in 2005. and more", 1},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); len(got) != tt.want {
			t.Errorf("Sentences(%q) = %q, want %d sentences", tt.text, got, tt.want)
		}
	}
}

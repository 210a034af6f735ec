package bitext

import "testing"

func TestHeadingLike(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Article 1", true},
		{"Статья 1", true},
		{"Statement of the Council of Heads of State of the Shanghai Cooperation Organisation on Joint Efforts against the COVID-19 Pandemic", true},
		{"Considérant que la reconnaissance de la dignité inhérente à tous les membres de la famille humaine, y", false},
		{"принимая во внимание, что необходимо, чтобы права человека охранялись властью закона; и", false},
		{"Now, therefore,", false},
		{"the General Assembly", false},
		{"We stress the importance of cooperation.", false},
		{"第一章 总则", true},
	} {
		if got := headingLike(c.text); got != c.want {
			t.Errorf("headingLike(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

module verso

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/nicksnyder/go-i18n/v2 v2.7.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/text v0.44.0
)

require github.com/rivo/uniseg v0.4.7 // indirect

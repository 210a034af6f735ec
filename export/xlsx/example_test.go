package xlsx_test

import (
	"fmt"

	"verso/export/xlsx"
)

func ExampleSheetNames() {
	names := xlsx.SheetNames([]string{"sco-2020-statements", "Instructions", "a/b:c", "joint-communiqué-of-the-council-of-heads-of-state"})
	for _, n := range names {
		fmt.Println(n)
	}
	// Output:
	// sco-2020-statements
	// Instructions~2
	// a_b_c
	// joint-communiqué-of-the-council
}

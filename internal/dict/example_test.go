package dict_test

import (
	"fmt"

	"github.com/sukien/sukien/internal/dict"
)

func ExampleDictionary_Resolve() {
	d, errs := dict.Load()
	if d == nil {
		fmt.Println(errs)
		return
	}
	for _, text := range []string{"Tổng thống Hàn Quốc", "Bình Nhưỡng"} {
		for _, r := range d.Resolve(text, "2019-06-30") {
			fmt.Printf("%s: %s %s (%s, %s)\n", r.Text, r.Kind, r.Name, r.Country, r.Rule)
		}
	}
	// Output:
	// Tổng thống Hàn Quốc: person Moon Jae-in (KOR, title+country@date)
	// Bình Nhưỡng: place Pyongyang (PRK, alias)
	// Bình Nhưỡng: country North Korea (PRK, metonym)
}

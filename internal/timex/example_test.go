package timex_test

import (
	"fmt"

	"github.com/sukien/sukien/internal/timex"
)

func Example() {
	pub, _ := timex.ParseISO("2024-06-20T08:36")
	var ref timex.Date // nothing dated yet in this document

	for _, s := range []string{
		"Hôm 18/6, hai thứ trưởng hội đàm tại Seoul.",
		"Một ngày trước đó, Bình Nhưỡng phóng tên lửa.",
		"Hai bên nhất trí gặp lại vào tháng tới.",
	} {
		for _, e := range timex.Find(s, pub, ref) {
			fmt.Printf("%q\t%v\t%v\n", e.Text, e.Date, e.Rel)
			if !e.Date.IsZero() && e.Date.Precision() == 3 {
				ref = e.Date // the running reference date
			}
		}
	}
	// Output:
	// "Hôm 18/6"	2024-06-18	Absolute
	// "Một ngày trước đó"	2024-06-17	Anaphoric|Past
	// "tháng tới"	2024-07	Deictic|Future
}

package citypanel_test

import (
	"fmt"
	"os"

	"github.com/econb/econb/lib/citypanel"
)

func ExampleBuild() {
	f, err := os.Open("testdata/tiny.csv")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	p, err := citypanel.Read(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := citypanel.Build(p, citypanel.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, r := range p.Records {
		fmt.Printf("%s %d SAGG %.3f high %.3f low %.3f STR %.2f K %.0f\n",
			r.City, r.Year, v.SAGGTotal[k], v.SAGGHigh[k], v.SAGGLow[k], v.Controls[k].STR, v.K[k])
	}
	// Output:
	// Alpha 2010 SAGG 0.750 high 0.889 low 0.571 STR 1.50 K 10000000
	// Alpha 2011 SAGG 0.833 high 0.833 low 0.833 STR 1.50 K 10182857
	// Beta 2010 SAGG 1.250 high 1.111 low 1.429 STR 1.25 K 15000000
	// Beta 2011 SAGG 1.250 high 1.250 low 1.250 STR 1.14 K 15131429
}

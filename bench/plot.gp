# bench/plot.gp - the chart of bench/results/latest.png, drawn by report.py:
#   gnuplot -e "dir='DATA'; out='PNG'; maintitle='...'; nfleet=..; ncpu=..;
#               npipe=..; ndec=.." bench/plot.gp   (n*: rows of each file)
# DATA holds fleet.dat, cpu.dat, pipe.dat and decrypt.dat (first line: a
# header; then "label" value...).
set terminal pngcairo size 1400,1000 font "Sans,10"
set output out
set multiplot layout 2,2 title maintitle font "Sans,13"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top right autotitle columnhead
set offsets 0,0,graph 0.08,0
set xtics nomirror rotate by -20 scale 0
set logscale y
set format y "%.0s%c"

set title "Fleet poll: sessions/s (log scale)"
set yrange [1:*]
set xrange [-0.6:nfleet-0.4]
plot dir.'/fleet.dat' using 2:xtic(1) lc rgb "#4477aa", '' using 3 lc rgb "#ee6677"

set title "CPU per session at N=1000, microseconds (log scale)"
set yrange [1:*]
set xrange [-0.6:ncpu-0.4]
plot dir.'/cpu.dat' using 2:xtic(1) lc rgb "#228833", '' using 3 lc rgb "#ccbb44"

unset logscale y
set format y "%.0s%c"
set title "One session pipelined: Get Device ID requests/s"
set yrange [0:*]
set xtics rotate by 0 font ",8"
set xrange [-0.6:npipe-0.4]
set bmargin 5
plot dir.'/pipe.dat' using 2:xtic(1) lc rgb "#66ccee", \
     '' using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.6 font ",8" notitle

set title "Decryption of the generated capture: packets/s"
set yrange [0:*]
set xrange [-0.6:ndec-0.4]
plot dir.'/decrypt.dat' using 2:xtic(1) lc rgb "#aa3377", \
     '' using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.6 font ",8" notitle

unset multiplot

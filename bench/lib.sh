# Shared by the bench/ scripts (sourced): medians of wall times over $runs runs.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # INPUT command... : median wall seconds over $runs runs, stdout and stderr discarded
  local input=$1; shift
  for _ in $(seq "$runs"); do
    local start end; start=$(date +%s.%N); "$@" < "$input" > /dev/null 2>&1; end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median | xargs printf '%.3f'
}

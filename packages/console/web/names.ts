/** Market groups as a trader names them. */
const GROUP_NAMES: Record<string, string> = {
  "match-result": "Match result", totals: "Total goals", handicap: "Asian handicap", "correct-score": "Correct score",
  goals: "Goals", "next-goal": "Next goal", "half-time": "Half time", "second-half": "Second half",
};
export const groupName = (group: string) => GROUP_NAMES[group] ?? group;

/** Market groups as a trader names them; another group's id reads as words ("set-betting" is "Set betting"). */
const GROUP_NAMES: Record<string, string> = {
  "match-result": "Match result", totals: "Total goals", handicap: "Asian handicap", "correct-score": "Correct score",
  goals: "Goals", "next-goal": "Next goal", "half-time": "Half time", "second-half": "Second half",
};
export const groupName = (group: string) => GROUP_NAMES[group] ?? group.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());

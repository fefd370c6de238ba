/**
 * Keeps only the newest of several answers in flight: a search typed "Bla" then "Blake" asks twice, and the answer
 * to "Bla" can come back last; shown then, it would overwrite the list for "Blake". `ask` hands an answer on only
 * while no newer question was asked and `drop` was not called since (the query changed, the picker closed).
 */
export const newestAnswerOnly = () => {
  let newest = 0;
  return {
    ask: <Answer>(question: Promise<Answer>, onAnswer: (answer: Answer) => void): void => {
      const asked = ++newest;
      void question.then((answer) => {
        if (asked === newest) onAnswer(answer);
      });
    },
    drop: (): void => {
      newest++;
    },
  };
};

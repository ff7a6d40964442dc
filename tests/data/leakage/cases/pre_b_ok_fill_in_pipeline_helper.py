# %%
def prepare(frame, medians):
    return frame.fillna(medians)
# %%
df = pd.read_csv("hr.csv")
train, test = train_test_split(df, test_size=0.2, random_state=0)
medians = train.median(numeric_only=True)
train, test = prepare(train, medians), prepare(test, medians)
m = LogisticRegression().fit(train[["age", "salary"]], train["left"])
print(m.score(test[["age", "salary"]], test["left"]))

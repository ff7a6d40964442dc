# %%
df = pd.read_csv("titanic.csv")
train_df, test_df = train_test_split(df, random_state=0)
mode = train_df["Embarked"].mode()[0]
train_df["Embarked"] = train_df["Embarked"].fillna(mode)
test_df["Embarked"] = test_df["Embarked"].fillna(mode)
age = train_df["Age"].median()
train_df["Age"].fillna(age, inplace=True)
test_df["Age"].fillna(age, inplace=True)
clf = RandomForestClassifier(random_state=0).fit(train_df[["Age", "Pclass"]], train_df["Survived"])
print(clf.score(test_df[["Age", "Pclass"]], test_df["Survived"]))

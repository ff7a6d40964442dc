# %%
df = pd.read_csv("defects.csv")
df = pd.concat([df, df[df["defect"] == 1], df[df["defect"] == 1]])
# %%
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="defect"), df["defect"], random_state=0)
print(accuracy_score(y_test, RandomForestClassifier(random_state=0).fit(X_train, y_train).predict(X_test)))

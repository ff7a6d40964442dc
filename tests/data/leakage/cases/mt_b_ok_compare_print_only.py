# %%
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
lr = LogisticRegression().fit(X_train, y_train)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print("test accuracy of the chosen model:", rf.score(X_test, y_test))
